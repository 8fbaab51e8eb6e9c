import { AppError } from '../../platform/app-error';
import { addMonths, dayKey } from '../time/calendar';

/** Birthdays are stored as given ("MM-DD" or "YYYY-MM-DD"); the month is what benefits key on. */
export function birthMonthOf(birthday: string | null): string | null {
  if (!birthday) return null;
  const parts = birthday.split('-');
  return parts.length === 3 ? parts[1] : parts[0];
}

/** A birthday may change once in this many months after it was first set. */
export const BIRTHDAY_CHANGE_MONTHS = 12;

/**
 * The birthday a member may set now: no date in the future (business calendar; the format and
 * calendar validity are checked by the input schema), and after the first set at most one change
 * per BIRTHDAY_CHANGE_MONTHS, counted from the last set. Clearing it is always allowed (privacy);
 * setting it again after clearing counts as a change. Answers when the birthday was last set.
 */
export function birthdayChange(current: { birthday: string | null; birthdayChangedAt?: Date | null }, next: string | null | undefined, now: Date): Date | null {
  const last = current.birthdayChangedAt ?? null;
  if (next === undefined || next === null || next === current.birthday) return last;
  if (next.length === 10 && next > dayKey(now)) throw new AppError('INVALID_INPUT', 'birthday: 生日不能晚于今天');
  if (last && now < addMonths(last, BIRTHDAY_CHANGE_MONTHS)) {
    throw new AppError('BIRTHDAY_CHANGE_LIMIT', `生日每 ${BIRTHDAY_CHANGE_MONTHS} 个月只能修改一次`, { nextChangeAt: addMonths(last, BIRTHDAY_CHANGE_MONTHS).toISOString() });
  }
  return now;
}
