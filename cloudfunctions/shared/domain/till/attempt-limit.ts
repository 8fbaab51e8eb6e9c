import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { ScanFailureDoc } from '../../data/documents';
import { isDuplicateWrite } from '../../data/sdk-error';
import { getById, insert, patchWhere } from '../../data/store';
import { keyId } from '../../platform/ids';

/**
 * Failed attempts a staff member may make per fixed window, per kind of attempt (scanning a code,
 * typing a card number and confirmation code). Windows live in scan_failures, one document per
 * staff member, kind and window.
 */
export interface AttemptLimit {
  kind: 'scan_failures' | 'manual_entry_failures';
  limit: number;
  windowMinutes: number;
}

export function attemptWindow(rule: AttemptLimit, staffId: string, now: Date): { id: string; start: Date } {
  const size = rule.windowMinutes * 60_000;
  const start = new Date(Math.floor(now.getTime() / size) * size);
  return { id: keyId(rule.kind, staffId, start.getTime()), start };
}

/**
 * Takes one of the window's attempts before the input is checked, in one conditional atomic update
 * (`count < limit` → `count + 1`): however many attempts arrive at once, at most `limit` of them are
 * checked per window. A success gives its attempt back; a failure keeps it. False when the window
 * is used up. The window's document is created by its first attempt.
 */
export async function takeAttempt(rule: AttemptLimit, staffId: string, now: Date): Promise<boolean> {
  const { id, start } = attemptWindow(rule, staffId, now);
  const _ = command();
  const take = () => patchWhere(COLLECTIONS.scanFailures, { _id: id, count: _.lt(rule.limit) }, { count: _.inc(1) });
  if ((await take()) === 1) return true;
  if (await getById<ScanFailureDoc>(COLLECTIONS.scanFailures, id)) return false;
  try {
    await insert<ScanFailureDoc>(COLLECTIONS.scanFailures, { _id: id, staffId, windowStart: start, count: 0 });
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error; // another attempt of this window created it first
  }
  return (await take()) === 1;
}

export async function failuresInWindow(rule: AttemptLimit, staffId: string, now: Date): Promise<number> {
  return (await getById<ScanFailureDoc>(COLLECTIONS.scanFailures, attemptWindow(rule, staffId, now).id))?.count ?? 0;
}

export async function giveBackAttempt(rule: AttemptLimit, staffId: string, now: Date): Promise<void> {
  await patchWhere(COLLECTIONS.scanFailures, { _id: attemptWindow(rule, staffId, now).id, count: command().gt(0) }, { count: command().inc(-1) });
}
