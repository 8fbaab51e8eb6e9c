import { growthFigures } from './growth-report';
import { satisfactionFigures } from '../feedback/satisfaction-report';
import type { CampaignKpi, KpiReport, VariantKpi } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { CampaignDoc } from '../../data/documents';
import { aggregate, count, find } from '../../data/store';
import { figuresAsOf, type AsOf } from '../dashboard/as-of';
import { pointKinds } from '../dashboard/daily-stats';
import { twoProportionZTest } from '../stats/two-proportion';
import { toIso } from '../time/calendar';

/**
 * The KPI report for a date range [from, to]. Every figure is a database aggregation or count
 * (indexes on members status_tier and joinedAt, campaigns.startAt, orders.createdAt,
 * points_ledger.createdAt, tier_history.at, campaign_grants.campaignId), never a load of the
 * collection into the function.
 */

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

async function memberFigures(from: Date, to: Date, asOf: AsOf) {
  const _ = command();
  const $ = _.aggregate;
  const total = asOf.members;
  const [newMembers, buyers] = await Promise.all([
    count(COLLECTIONS.members, { joinedAt: _.gte(from).and(_.lte(to)) }),
    // One row for the whole range: buyers, and buyers with two or more orders in it.
    aggregate<{ buyers: number; repeat: number }>(COLLECTIONS.orders, (agg) =>
      agg
        .match({ createdAt: _.gte(from).and(_.lte(to)) })
        .group({ _id: '$memberId', orders: $.sum(1) })
        .group({ _id: null, buyers: $.sum(1), repeat: $.sum($.cond({ if: $.gte(['$orders', 2]), then: 1, else: 0 })) }),
    ),
  ]);
  const active = buyers[0]?.buyers ?? 0;
  return { members: { total, new: newMembers, active }, repurchaseRate: rate(buyers[0]?.repeat ?? 0, active) };
}

async function tierFigures(from: Date, to: Date, asOf: AsOf) {
  const _ = command();
  const $ = _.aggregate;
  const movements = await aggregate<{ _id: { from: string | null; to: string; reason: string }; n: number }>(COLLECTIONS.tierHistory, (agg) =>
    agg
      .match({ at: _.gte(from).and(_.lte(to)) })
      .group({ _id: { from: '$from', to: '$to', reason: '$reason' }, n: $.sum(1) })
      .sort({ n: -1 }),
  );
  return {
    distribution: asOf.tiers,
    movements: movements.map((row) => ({ from: row._id.from ?? null, to: row._id.to, reason: row._id.reason, count: row.n })),
  };
}

/**
 * Issued = positive earn and adjust entries (purchases, campaigns, admin credits); redeemed,
 * expired and reversed are the negative entries of their types; the outstanding liability is
 * the sum of every ledger entry up to `to` (the ledger equals the balances by invariant), so it
 * is the liability as of the end of the range, not as of today. With daily snapshots the range's
 * figures are the cumulative totals at `to` minus those just before `from` (both bounded reads);
 * without, one aggregation over the range's ledger entries.
 */
async function pointFigures(from: Date, to: Date, asOf: AsOf) {
  const before = asOf.points ? await figuresAsOf(new Date(from.getTime() - 1)) : null;
  if (asOf.points && before?.points) {
    const [end, start] = [asOf.points, before.points];
    return { issued: end.issued - start.issued, redeemed: end.redeemed - start.redeemed, expired: end.expired - start.expired, reversed: end.reversed - start.reversed, outstandingLiability: asOf.ledgerTotal };
  }
  const _ = command();
  const $ = _.aggregate;
  const byType = await aggregate<{ _id: string; plus: number; minus: number }>(COLLECTIONS.ledger, (agg) =>
    agg.match({ createdAt: _.gte(from).and(_.lte(to)) }).group({
      _id: '$type',
      plus: $.sum($.cond({ if: $.gt(['$delta', 0]), then: '$delta', else: 0 })),
      minus: $.sum($.cond({ if: $.lt(['$delta', 0]), then: '$delta', else: 0 })),
    }),
  );
  return { ...pointKinds(Object.fromEntries(byType.map((row) => [row._id, row]))), outstandingLiability: asOf.ledgerTotal };
}

/**
 * Per campaign: grants and holdouts made in the range, and how many of each group bought after
 * their grant (or holdout) record and before the range ends: a $lookup of each member's orders,
 * filtered in the pipeline. Uplift is the granted conversion rate minus the holdout's.
 */
async function campaignFigures(campaign: CampaignDoc, from: Date, to: Date): Promise<CampaignKpi | null> {
  const _ = command();
  const $ = _.aggregate;
  const rows = await aggregate<{ _id: { outcome: 'granted' | 'holdout'; variant: string | null }; n: number; converted: number; points: number }>(COLLECTIONS.campaignGrants, (agg) =>
    agg
      .match({ campaignId: campaign._id, at: _.gte(from).and(_.lte(to)) })
      .lookup({ from: COLLECTIONS.orders, localField: 'memberId', foreignField: 'memberId', as: 'orders' })
      .project({
        outcome: 1,
        variant: { $ifNull: ['$variant', null] },
        points: 1,
        after: { $size: { $filter: { input: '$orders', as: 'o', cond: { $and: [{ $gte: ['$$o.createdAt', '$at'] }, { $lte: ['$$o.createdAt', to] }] } } } },
      })
      .group({ _id: { outcome: '$outcome', variant: '$variant' }, n: $.sum(1), converted: $.sum($.cond({ if: $.gt(['$after', 0]), then: 1, else: 0 })), points: $.sum('$points') }),
  );
  if (rows.length === 0) return null;
  const sum = (outcome: 'granted' | 'holdout') =>
    rows.filter((r) => r._id.outcome === outcome).reduce((acc, r) => ({ n: acc.n + r.n, converted: acc.converted + r.converted, points: acc.points + r.points }), { n: 0, converted: 0, points: 0 });
  const granted = sum('granted');
  const holdout = sum('holdout');
  const conversionRate = rate(granted.converted, granted.n);
  const holdoutConversionRate = rate(holdout.converted, holdout.n);
  const uplift = (r: number | null) => (r !== null && holdoutConversionRate !== null ? Math.round((r - holdoutConversionRate) * 10_000) / 100 : null);
  const variants: VariantKpi[] = (campaign.variants ?? []).map(({ code }) => {
    const row = rows.find((r) => r._id.outcome === 'granted' && r._id.variant === code) ?? { n: 0, converted: 0, points: 0 };
    const variantRate = rate(row.converted, row.n);
    return { code, reach: row.n, converted: row.converted, conversionRate: variantRate, upliftPoints: uplift(variantRate), pointsGranted: row.points, significance: twoProportionZTest(row.converted, row.n, holdout.converted, holdout.n) };
  });
  return {
    campaignId: campaign._id,
    name: campaign.name,
    reach: granted.n,
    holdout: holdout.n,
    redemptions: granted.converted,
    holdoutConverted: holdout.converted,
    conversionRate,
    holdoutConversionRate,
    upliftPoints: uplift(conversionRate),
    pointsGranted: granted.points,
    significance: twoProportionZTest(granted.converted, granted.n, holdout.converted, holdout.n),
    variants,
  };
}

/** Members and tier distribution are as of `to` (dashboard/as-of.ts), not today's totals. */
export async function kpiReport(from: Date, to: Date): Promise<KpiReport> {
  const [campaigns, asOf] = await Promise.all([find<CampaignDoc>(COLLECTIONS.campaigns, { startAt: command().lte(to) }, { limit: 200 }), figuresAsOf(to)]);
  const [members, tiers, points, growth, perCampaign, satisfaction] = await Promise.all([
    memberFigures(from, to, asOf),
    tierFigures(from, to, asOf),
    pointFigures(from, to, asOf),
    growthFigures(from, to),
    Promise.all(campaigns.filter((c) => new Date(c.endAt) >= from).map((c) => campaignFigures(c, from, to))),
    satisfactionFigures(from, to),
  ]);
  return {
    range: { from: toIso(from), to: toIso(to) },
    ...members,
    tiers,
    points,
    campaigns: perCampaign.filter((c): c is CampaignKpi => c !== null),
    growth,
    satisfaction,
    notes: [
      'coupon redemption rate = coupons issued in the range that have been redeemed (by the time of the report) / coupons issued in the range.',
      'campaign redemptions for points and multiplier rewards = granted members who purchased after the grant (the reward needs no separate redemption).',
      'NPS = % promoters (9-10) minus % detractors (0-6) of the answers given in the range; a dismissed question is not an answer. complaintsByCategory counts feedback filed in the range; openFeedback counts open and in-progress feedback now.',
    ],
  };
}
