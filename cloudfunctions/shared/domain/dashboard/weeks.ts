import type { WeekRow } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import { count } from '../../data/store';
import { addDays, dayKey, startOfBusinessWeek } from '../time/calendar';

/** The week boundaries of [from, to]: each week's end, clipped to `to`. */
export function weekEnds(from: Date, to: Date): Array<{ weekStart: Date; end: Date }> {
  const weeks: Array<{ weekStart: Date; end: Date }> = [];
  for (let start = startOfBusinessWeek(from); start <= to; start = addDays(start, 7)) {
    const next = addDays(start, 7);
    weeks.push({ weekStart: start, end: next > to ? to : new Date(next.getTime() - 1) });
  }
  return weeks;
}

/**
 * New members per week and members at each week's end: two indexed counts per boundary
 * (joined by then, erased by then), the boundaries counted in parallel.
 */
export async function weeklyMembers(from: Date, to: Date): Promise<WeekRow[]> {
  const _ = command();
  const weeks = weekEnds(from, to);
  const boundaries = [new Date(from.getTime() - 1), ...weeks.map((w) => w.end)];
  const counted = await Promise.all(
    boundaries.map(async (at) => {
      const [joined, erased] = await Promise.all([count(COLLECTIONS.members, { joinedAt: _.lte(at) }), count(COLLECTIONS.members, { status: 'deleted', deletedAt: _.lte(at) })]);
      return { joined, members: joined - erased };
    }),
  );
  return weeks.map((week, i) => ({ weekStart: dayKey(week.weekStart), newMembers: counted[i + 1].joined - counted[i].joined, members: counted[i + 1].members }));
}
