import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import { aggregate, count } from '../../data/store';
import type { DailyStatsDoc } from '../../data/documents';
import { addTiers, changesBetween } from './changes';
import { hasSnapshots, pointKinds, snapshotAtOrBefore } from './daily-stats';

/** Membership, tiers and the outstanding points as of one instant. */
export interface AsOf {
  members: number;
  tiers: Record<string, number>;
  ledgerTotal: number;
  /** Cumulative issued/redeemed/expired/reversed up to the instant; null on the live path. */
  points: DailyStatsDoc['points'] | null;
}

const positive = (tiers: Record<string, number>) => Object.fromEntries(Object.entries(tiers).filter(([, n]) => n > 0));

/**
 * The figures as of `at`: the last daily snapshot at or before it (daily-stats.ts) plus the
 * changes after that snapshot's day (at most the part of `at`'s own day, or the days the job
 * has not reached yet): reads bounded by those days' documents, whatever the member base. Before
 * the first snapshot day nothing existed, so the base is zero. Only when the job has never run
 * does it fall back to the live computation over the base (liveAsOf).
 */
export async function figuresAsOf(at: Date): Promise<AsOf> {
  const snapshot = await snapshotAtOrBefore(at);
  if (!snapshot && !(await hasSnapshots())) return liveAsOf(at);
  const change = await changesBetween(snapshot ? new Date(snapshot.end) : null, at);
  const base = snapshot?.points ?? { issued: 0, redeemed: 0, expired: 0, reversed: 0 };
  const kinds = pointKinds(change.points);
  return {
    members: (snapshot?.members ?? 0) + change.joined - change.erased,
    tiers: positive(addTiers(snapshot?.tiers ?? {}, change.tiers)),
    ledgerTotal: (snapshot?.ledgerTotal ?? 0) + change.ledger,
    points: { issued: base.issued + kinds.issued, redeemed: base.redeemed + kinds.redeemed, expired: base.expired + kinds.expired, reversed: base.reversed + kinds.reversed },
  };
}

/**
 * The same figures without snapshots, from counts over the base (O(members) on the emulator):
 * members = joined by then minus erased by then; tiers = today's distribution with every tier
 * change after the instant undone (tier_history.at; a join entry moves a member out of its tier,
 * so later joiners drop out); outstanding = Σ ledger up to then.
 * Limit: an erased member's tier history goes with their data, so a member erased after the
 * instant is missing from that instant's tier distribution (counted in the member total).
 */
export async function liveAsOf(at: Date): Promise<AsOf> {
  const _ = command();
  const $ = _.aggregate;
  const [joined, erased, today, later, ledger] = await Promise.all([
    count(COLLECTIONS.members, { joinedAt: _.lte(at) }),
    count(COLLECTIONS.members, { status: 'deleted', deletedAt: _.lte(at) }),
    aggregate<{ _id: string; n: number }>(COLLECTIONS.members, (agg) => agg.match({ status: 'active' }).group({ _id: '$tier', n: $.sum(1) })),
    aggregate<{ _id: { from: string | null; to: string }; n: number }>(COLLECTIONS.tierHistory, (agg) =>
      agg.match({ at: _.gt(at) }).group({ _id: { from: '$from', to: '$to' }, n: $.sum(1) }),
    ),
    aggregate<{ total: number }>(COLLECTIONS.ledger, (agg) => agg.match({ createdAt: _.lte(at) }).group({ _id: null, total: $.sum('$delta') })),
  ]);
  const distribution: Record<string, number> = Object.fromEntries(today.map((row) => [row._id, row.n]));
  for (const { _id, n } of later) {
    distribution[_id.to] = (distribution[_id.to] ?? 0) - n;
    if (_id.from) distribution[_id.from] = (distribution[_id.from] ?? 0) + n;
  }
  return { members: joined - erased, tiers: positive(distribution), ledgerTotal: ledger[0]?.total ?? 0, points: null };
}
