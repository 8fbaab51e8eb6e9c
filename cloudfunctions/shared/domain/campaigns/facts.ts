import type { AudienceRule, SegmentSettings } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { MemberDoc } from '../../data/documents';
import { aggregate } from '../../data/store';
import { lifecycleStage } from '../segments/lifecycle';
import { addDays } from '../time/calendar';
import { spendWindowsIn } from './rule-schema';
import type { MemberFacts } from './rules';

/**
 * Net spend per member over the last `days` days, for a page of members: one aggregation over
 * the orders index (memberId, createdAt), not a read of every order.
 */
async function spendInWindow(memberIds: string[], days: number, now: Date): Promise<Map<string, number>> {
  const _ = command();
  const $ = _.aggregate;
  const rows = await aggregate<{ _id: string; fen: number }>(COLLECTIONS.orders, (agg) =>
    agg
      .match({ memberId: _.in(memberIds), createdAt: _.gt(addDays(now, -days)).and(_.lte(now)) })
      .group({ _id: '$memberId', fen: $.sum($.subtract(['$amountFen', '$refundedFen'])) }),
  );
  return new Map(rows.map((row) => [row._id, row.fen]));
}

/**
 * What the rule engine needs about each member of a page. The lifecycle stage is computed now
 * from the member's own data and the current thresholds (so a lagging recompute never shows a
 * stale stage); RFM comes from the last recompute, since it depends on the whole base.
 */
export async function factsFor(members: MemberDoc[], rule: AudienceRule, settings: SegmentSettings, now: Date): Promise<MemberFacts[]> {
  const windows = spendWindowsIn(rule);
  const ids = members.map((m) => m._id);
  const spends = await Promise.all(windows.map(async (days) => [days, members.length > 0 ? await spendInWindow(ids, days, now) : new Map()] as const));
  return members.map((m) => ({
    memberId: m._id,
    tier: m.tier,
    stage: lifecycleStage(m, settings, now),
    rfm: m.segment ? { r: m.segment.r, f: m.segment.f, m: m.segment.m } : null,
    joinedAt: new Date(m.joinedAt),
    lastPurchaseAt: m.stats.lastPurchaseAt ? new Date(m.stats.lastPurchaseAt) : null,
    birthday: m.birthday,
    tags: m.tags ?? [],
    spendByWindow: Object.fromEntries(spends.map(([days, byMember]) => [days, byMember.get(m._id) ?? 0])),
  }));
}
