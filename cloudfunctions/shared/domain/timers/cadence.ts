import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** CloudBase timer triggers fire on China time ("触发器规则的时区为 UTC+8"); job slots follow the same clock. */
export const TIMER_TZ = 'Asia/Shanghai';

/**
 * When a job is due, declared in code because WeChat allows one trigger per function: the
 * trigger ticks, and each job is due once per slot.
 */
export type Cadence = { everyMinutes: number } | { hourlyAt: number } | { dailyAt: { hour: number; minute: number } };

/** The most recent slot at or before `now` (China time): the instant the job last became due. */
export function latestSlot(cadence: Cadence, now: Date): Date {
  const local = dayjs(now).tz(TIMER_TZ).second(0).millisecond(0);
  if ('everyMinutes' in cadence) {
    const minuteOfDay = local.hour() * 60 + local.minute();
    return local.subtract(minuteOfDay % cadence.everyMinutes, 'minute').toDate();
  }
  if ('hourlyAt' in cadence) {
    const slot = local.minute(cadence.hourlyAt);
    return (slot.isAfter(local) ? slot.subtract(1, 'hour') : slot).toDate();
  }
  const slot = local.hour(cadence.dailyAt.hour).minute(cadence.dailyAt.minute);
  return (slot.isAfter(local) ? slot.subtract(1, 'day') : slot).toDate();
}

export function describeCadence(cadence: Cadence): string {
  if ('everyMinutes' in cadence) return `every ${cadence.everyMinutes} min`;
  if ('hourlyAt' in cadence) return `hourly at :${String(cadence.hourlyAt).padStart(2, '0')}`;
  const { hour, minute } = cadence.dailyAt;
  return `daily at ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
