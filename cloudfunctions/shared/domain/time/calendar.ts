import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Business calendar: months, days and birthdays are counted in the brand's timezone. */
export const BUSINESS_TZ = process.env.LOYALTY_TIMEZONE ?? 'Asia/Shanghai';

function local(date: Date): dayjs.Dayjs {
  return dayjs(date).tz(BUSINESS_TZ);
}

/** YYYY-MM of the date in the business timezone. */
export function monthKey(date: Date): string {
  return local(date).format('YYYY-MM');
}

/** YYYY-MM-DD of the date in the business timezone. */
export function dayKey(date: Date): string {
  return local(date).format('YYYY-MM-DD');
}

export function businessYear(date: Date): number {
  return local(date).year();
}

/** MM of the date (01-12) in the business timezone. */
export function monthOfYear(date: Date): string {
  return local(date).format('MM');
}

/** The last millisecond of the calendar month `months` after the month of `date`. */
export function endOfMonthAfter(date: Date, months: number): Date {
  return local(date).add(months, 'month').endOf('month').toDate();
}

export function addDays(date: Date, days: number): Date {
  return local(date).add(days, 'day').toDate();
}

export function addMonths(date: Date, months: number): Date {
  return local(date).add(months, 'month').toDate();
}

export function startOfNextMonth(date: Date): Date {
  return local(date).add(1, 'month').startOf('month').toDate();
}

/** The `count` month keys ending with the month of `date` (oldest first). */
export function trailingMonthKeys(date: Date, count: number): string[] {
  const end = local(date).startOf('month');
  return Array.from({ length: count }, (_, i) => end.subtract(count - 1 - i, 'month').format('YYYY-MM'));
}

/** ISO-8601 with the business offset, as the mini-program shows it. */
export function toIso(date: Date): string {
  return local(date).format();
}

/** The last millisecond of the business day `days` days after the day of `date` (0 = that same day). */
export function endOfDayAfter(date: Date, days: number): Date {
  return local(date).add(days, 'day').endOf('day').toDate();
}

/** The first millisecond of the business day YYYY-MM-DD. */
export function startOfDayKey(key: string): Date {
  return dayjs.tz(key, BUSINESS_TZ).startOf('day').toDate();
}

/** The first millisecond of the business month YYYY-MM. */
export function startOfMonthKey(key: string): Date {
  return dayjs.tz(`${key}-01`, BUSINESS_TZ).startOf('month').toDate();
}

/** Monday 00:00 of the business week that contains `date`. */
export function startOfBusinessWeek(date: Date): Date {
  const day = local(date).startOf('day');
  return day.subtract((day.day() + 6) % 7, 'day').toDate();
}
