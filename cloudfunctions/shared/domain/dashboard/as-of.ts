import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import { aggregate, count } from '../../data/store';

/**
 * Membership and tiers as of a past instant, from indexed counts instead of today's totals:
 * members = joined by then (members.joinedAt) minus erased by then (status_tier + deletedAt);
 * tiers = today's distribution with every tier change after the instant undone
 * (tier_history.at; a join entry moves a member out of its tier, so later joiners drop out).
 * Limit: an erased member's tier history goes with their data, so a member erased after the
 * instant is missing from that instant's tier distribution (counted in the member total).
 */
export async function membersAsOf(at: Date): Promise<number> {
  const _ = command();
  const [joined, erased] = await Promise.all([
    count(COLLECTIONS.members, { joinedAt: _.lte(at) }),
    count(COLLECTIONS.members, { status: 'deleted', deletedAt: _.lte(at) }),
  ]);
  return joined - erased;
}

export async function tierDistributionAsOf(at: Date): Promise<Record<string, number>> {
  const _ = command();
  const $ = _.aggregate;
  const [today, later] = await Promise.all([
    aggregate<{ _id: string; n: number }>(COLLECTIONS.members, (agg) => agg.match({ status: 'active' }).group({ _id: '$tier', n: $.sum(1) })),
    aggregate<{ _id: { from: string | null; to: string }; n: number }>(COLLECTIONS.tierHistory, (agg) =>
      agg.match({ at: _.gt(at) }).group({ _id: { from: '$from', to: '$to' }, n: $.sum(1) }),
    ),
  ]);
  const distribution: Record<string, number> = Object.fromEntries(today.map((row) => [row._id, row.n]));
  for (const { _id, n } of later) {
    distribution[_id.to] = (distribution[_id.to] ?? 0) - n;
    if (_id.from) distribution[_id.from] = (distribution[_id.from] ?? 0) + n;
  }
  return Object.fromEntries(Object.entries(distribution).filter(([, n]) => n > 0));
}
