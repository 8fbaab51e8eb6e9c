import { z } from 'zod';

/** Field schemas shared by several actions, so the same field is validated the same way everywhere. */
export const empty = z.strictObject({});
export const fen = z.number().int().positive().max(100_000_000_00, 'amount exceeds 100,000,000 yuan');
export const businessKey = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1-64 letters, digits, - or _');
export const documentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid id');
export const nickname = z.string().trim().min(1).max(32);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar day: no 02-31, and 02-29 only in a leap year when the year is given. */
function isCalendarDay(value: string): boolean {
  const parts = value.split('-').map(Number);
  const [year, month, day] = parts.length === 3 ? parts : [null, parts[0], parts[1]];
  const leap = year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  const days = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
  return day <= days && (year === null || year >= 1900);
}

export const birthday = z
  .string()
  .regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'use MM-DD or YYYY-MM-DD')
  .refine(isCalendarDay, 'not a calendar date');
export const mainlandPhone = z.string().regex(/^1[3-9]\d{9}$/, 'a mainland mobile number has 11 digits starting with 1');
export const consentVersion = z.string().min(1).max(32);
