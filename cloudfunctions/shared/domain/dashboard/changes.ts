import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import { aggregate, count } from '../../data/store';

/** Per ledger type, the sum of positive and of negative deltas. */
export type PointsByType = Record<string, { plus: number; minus: number }>;

/** What changed in membership, tiers and points between two instants (after `after`, up to `upTo`). */
export interface Changes {
  joined: number;
  erased: number;
  /** Net change of members per tier: tier moves (tier_history, joins included) minus erasures. */
  tiers: Record<string, number>;
  /** Σ of ledger deltas. */
  ledger: number;
  points: PointsByType;
}

/**
 * The changes in (after, upTo]: five indexed range reads over the documents of that interval only
 * (members.joinedAt, members.status_tier + deletedAt, tier_history.at, points_ledger.createdAt),
 * never the member base. `after` null means from the beginning (only used before the first
 * snapshot day, when there is nothing earlier).
 */
export async function changesBetween(after: Date | null, upTo: Date): Promise<Changes> {
  const _ = command();
  const $ = _.aggregate;
  const within = after ? _.gt(after).and(_.lte(upTo)) : _.lte(upTo);
  const [joined, erasedByTier, moves, ledger] = await Promise.all([
    count(COLLECTIONS.members, { joinedAt: within }),
    aggregate<{ _id: string; n: number }>(COLLECTIONS.members, (agg) => agg.match({ status: 'deleted', deletedAt: within }).group({ _id: '$tier', n: $.sum(1) })),
    aggregate<{ _id: { from: string | null; to: string }; n: number }>(COLLECTIONS.tierHistory, (agg) => agg.match({ at: within }).group({ _id: { from: '$from', to: '$to' }, n: $.sum(1) })),
    aggregate<{ _id: string; plus: number; minus: number }>(COLLECTIONS.ledger, (agg) =>
      agg.match({ createdAt: within }).group({
        _id: '$type',
        plus: $.sum($.cond({ if: $.gt(['$delta', 0]), then: '$delta', else: 0 })),
        minus: $.sum($.cond({ if: $.lt(['$delta', 0]), then: '$delta', else: 0 })),
      }),
    ),
  ]);
  const tiers: Record<string, number> = {};
  const add = (tier: string, n: number) => {
    tiers[tier] = (tiers[tier] ?? 0) + n;
  };
  for (const { _id, n } of moves) {
    add(_id.to, n);
    if (_id.from) add(_id.from, -n);
  }
  for (const { _id, n } of erasedByTier) add(_id, -n);
  const points: PointsByType = Object.fromEntries(ledger.map((row) => [row._id, { plus: row.plus, minus: row.minus }]));
  return {
    joined,
    erased: erasedByTier.reduce((sum, row) => sum + row.n, 0),
    tiers,
    ledger: ledger.reduce((sum, row) => sum + row.plus + row.minus, 0),
    points,
  };
}

/** Adds two tier tallies (the second may be negative changes). */
export function addTiers(base: Record<string, number>, change: Record<string, number>): Record<string, number> {
  const sum: Record<string, number> = { ...base };
  for (const [tier, n] of Object.entries(change)) sum[tier] = (sum[tier] ?? 0) + n;
  return sum;
}
