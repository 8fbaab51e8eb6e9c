import type { GrowthKpis } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import { aggregate } from '../../data/store';

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Documents whose `field` falls in the range, grouped by `by`, counted by the database. */
async function countBy(collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS], field: string, by: string, from: Date, to: Date): Promise<Record<string, number>> {
  const _ = command();
  const $ = _.aggregate;
  const rows = await aggregate<{ _id: string; n: number }>(collection, (agg) => agg.match({ [field]: _.gte(from).and(_.lte(to)) }).group({ _id: `$${by}`, n: $.sum(1) }));
  return Object.fromEntries(rows.map((r) => [String(r._id), r.n]));
}

/**
 * The growth features' rates for a date range, by aggregation:
 * - coupons: issued in the range by source; of those, the share already redeemed;
 * - group-buy: of the groups started in the range that have ended, the share that filled;
 * - referrals: of the members attributed in the range, the share who made a qualifying purchase.
 */
export async function growthFigures(from: Date, to: Date): Promise<GrowthKpis> {
  const [issuedBySource, issuedByStatus, groups, referrals] = await Promise.all([
    countBy(COLLECTIONS.memberCoupons, 'claimedAt', 'source', from, to),
    countBy(COLLECTIONS.memberCoupons, 'claimedAt', 'status', from, to),
    countBy(COLLECTIONS.groups, 'createdAt', 'status', from, to),
    countBy(COLLECTIONS.referrals, 'attributedAt', 'status', from, to),
  ]);
  const issued = Object.values(issuedBySource).reduce((a, b) => a + b, 0);
  const redeemed = issuedByStatus.used ?? 0;
  const succeeded = groups.succeeded ?? 0;
  const failed = groups.failed ?? 0;
  const attributed = (referrals.attributed ?? 0) + (referrals.converted ?? 0);
  const converted = referrals.converted ?? 0;
  return {
    coupons: { issued, issuedBySource, redeemed, redemptionRate: rate(redeemed, issued) },
    groupBuy: { started: succeeded + failed + (groups.open ?? 0), succeeded, failed, open: groups.open ?? 0, successRate: rate(succeeded, succeeded + failed) },
    referrals: { attributed, converted, conversionRate: rate(converted, attributed) },
  };
}
