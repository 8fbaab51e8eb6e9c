import type { JobReport } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { DailyStatsDoc, MemberDoc } from '../../data/documents';
import { find, put } from '../../data/store';
import { dayKey, endOfDayAfter } from '../time/calendar';
import { addTiers, changesBetween, type PointsByType } from './changes';

/**
 * Stop starting new days with less than this left, so the last write lands before the timeout
 * (a day is a handful of reads; under heavy load one took seconds in the 100k bench).
 */
const MIN_DAY_MS = 5_000;

const EMPTY_POINTS: DailyStatsDoc['points'] = { issued: 0, redeemed: 0, expired: 0, reversed: 0 };

/** The cumulative point kinds the dashboard reports, from one interval's per-type sums. */
export function pointKinds(byType: PointsByType): DailyStatsDoc['points'] {
  const of = (type: string) => byType[type] ?? { plus: 0, minus: 0 };
  return { issued: of('earn').plus + of('adjust').plus, redeemed: Math.abs(of('redeem').minus), expired: Math.abs(of('expire').minus), reversed: Math.abs(of('refund_reversal').minus) };
}

/** The latest snapshot whose day ended at or before `at`, or null. */
export async function snapshotAtOrBefore(at: Date): Promise<DailyStatsDoc | null> {
  const [latest] = await find<DailyStatsDoc>(COLLECTIONS.dailyStats, { end: command().lte(at) }, { orderBy: [['end', 'desc']], limit: 1 });
  return latest ?? null;
}

/** Whether any snapshot has been written (the walk starts at the first member's join day). */
export async function hasSnapshots(): Promise<boolean> {
  const [any] = await find<DailyStatsDoc>(COLLECTIONS.dailyStats, {}, { orderBy: [['end', 'asc']], limit: 1 });
  return any !== undefined;
}

/**
 * Writes a snapshot for every closed business day that has none, in day order: each day is the
 * previous snapshot plus that day's changes (changes.ts: a handful of indexed range reads over
 * the day's own documents). The first run starts at the day before the first member joined
 * (nothing exists before it, so that snapshot is all zeros) and catches up day by day; every run
 * resumes after the latest snapshot, so missed days are filled in and a run cut short by its time
 * budget loses nothing. Rewriting a day gives the same document (idempotent).
 */
export async function writeDailyStats(now: Date, timeLeftMs: () => number): Promise<JobReport> {
  const lastClosed = endOfDayAfter(now, -1);
  let previous = await snapshotAtOrBefore(lastClosed);
  let written = 0;
  if (!previous) {
    const [first] = await find<MemberDoc>(COLLECTIONS.members, { joinedAt: command().lte(lastClosed) }, { orderBy: [['joinedAt', 'asc']], limit: 1, fields: { joinedAt: true } });
    if (!first) return { job: 'dailyStats', scanned: 0, changed: 0, partial: false };
    const genesisEnd = endOfDayAfter(new Date(first.joinedAt), -1);
    previous = { _id: dayKey(genesisEnd), day: dayKey(genesisEnd), end: genesisEnd, members: 0, tiers: {}, ledgerTotal: 0, points: EMPTY_POINTS, computedAt: now };
    await put<DailyStatsDoc>(COLLECTIONS.dailyStats, previous);
    written = 1;
  }
  while (new Date(previous.end).getTime() < lastClosed.getTime()) {
    if (timeLeftMs() < MIN_DAY_MS) return { job: 'dailyStats', scanned: written, changed: written, partial: true, details: { through: previous.day } };
    const end = endOfDayAfter(new Date(previous.end), 1);
    const change = await changesBetween(new Date(previous.end), end);
    const kinds = pointKinds(change.points);
    const next: DailyStatsDoc = {
      _id: dayKey(end),
      day: dayKey(end),
      end,
      members: previous.members + change.joined - change.erased,
      tiers: Object.fromEntries(Object.entries(addTiers(previous.tiers, change.tiers)).filter(([, n]) => n !== 0)),
      ledgerTotal: previous.ledgerTotal + change.ledger,
      points: {
        issued: previous.points.issued + kinds.issued,
        redeemed: previous.points.redeemed + kinds.redeemed,
        expired: previous.points.expired + kinds.expired,
        reversed: previous.points.reversed + kinds.reversed,
      },
      computedAt: now,
    };
    await put<DailyStatsDoc>(COLLECTIONS.dailyStats, next);
    previous = next;
    written += 1;
  }
  return { job: 'dailyStats', scanned: written, changed: written, partial: false, details: { through: previous.day } };
}
