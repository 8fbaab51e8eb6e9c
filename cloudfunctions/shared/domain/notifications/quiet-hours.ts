import dayjs from 'dayjs';
import { BUSINESS_TZ } from '../time/calendar';

/**
 * Quiet hours in the brand's timezone (default 21:00–09:00): null when `now` may send, else the
 * instant they end (the next endHour:00). A window may wrap midnight (start > end) or not.
 */
export function quietUntil(now: Date, quiet: { startHour: number; endHour: number }): Date | null {
  const { startHour, endHour } = quiet;
  if (startHour === endHour) return null;
  const local = dayjs(now).tz(BUSINESS_TZ);
  const hour = local.hour();
  const inside = startHour > endHour ? hour >= startHour || hour < endHour : hour >= startHour && hour < endHour;
  if (!inside) return null;
  const endToday = local.startOf('day').add(endHour, 'hour');
  return (hour < endHour ? endToday : endToday.add(1, 'day')).toDate();
}
