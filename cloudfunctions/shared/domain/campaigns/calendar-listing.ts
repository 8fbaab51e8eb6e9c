import type { CalendarEntry } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { CampaignDoc } from '../../data/documents';
import { find } from '../../data/store';
import { startOfMonthKey, startOfNextMonth, toIso } from '../time/calendar';
import { phaseOf } from './approval';

/**
 * The console's campaign calendar: campaigns whose schedule overlaps the business month, by start.
 * Starting before the month's end is the indexed condition (campaigns.startAt); ending after its
 * start is checked on those rows. Bounded like the campaign list (200).
 */
export async function campaignCalendar(month: string, now: Date): Promise<{ month: string; campaigns: CalendarEntry[] }> {
  const from = startOfMonthKey(month);
  const until = startOfNextMonth(from);
  const _ = command();
  const docs = await find<CampaignDoc>(COLLECTIONS.campaigns, { startAt: _.lt(until), endAt: _.gt(from) }, { orderBy: [['startAt', 'asc']], limit: 200 });
  return {
    month,
    campaigns: docs.map((doc) => ({ campaignId: doc._id, name: doc.name, phase: phaseOf(doc, now), startAt: toIso(new Date(doc.startAt)), endAt: toIso(new Date(doc.endAt)) })),
  };
}
