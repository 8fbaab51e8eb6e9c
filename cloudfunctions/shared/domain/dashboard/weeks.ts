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
 * New members per week and members at each week's end. Only the weeks themselves are counted
 * (joins and erasures inside each week: indexed range counts over the range's documents); the
 * members at a week's end are the members at `to` minus the net joins of the weeks after it,
 * so the one count over the whole base (membersAtTo) is made once, by the caller.
 */
export async function weeklyMembers(from: Date, to: Date, membersAtTo: number): Promise<WeekRow[]> {
  const _ = command();
  const weeks = weekEnds(from, to);
  const net = await Promise.all(
    weeks.map(async (week) => {
      const start = week.weekStart < from ? from : week.weekStart;
      const inWeek = _.gte(start).and(_.lte(week.end));
      const [joined, erased] = await Promise.all([count(COLLECTIONS.members, { joinedAt: inWeek }), count(COLLECTIONS.members, { status: 'deleted', deletedAt: inWeek })]);
      return { joined, erased };
    }),
  );
  let members = membersAtTo;
  const rows: WeekRow[] = [];
  for (let i = weeks.length - 1; i >= 0; i -= 1) {
    rows.unshift({ weekStart: dayKey(weeks[i].weekStart), newMembers: net[i].joined, members });
    members -= net[i].joined - net[i].erased;
  }
  return rows;
}
