/** Birthdays are stored as given ("MM-DD" or "YYYY-MM-DD"); the month is what benefits key on. */
export function birthMonthOf(birthday: string | null): string | null {
  if (!birthday) return null;
  const parts = birthday.split('-');
  return parts.length === 3 ? parts[1] : parts[0];
}
