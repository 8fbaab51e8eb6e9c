import type { JobReport } from '../../../../typings/api';
import type { CollectionName } from '../../data/collections';
import { COLLECTIONS } from '../../data/collections';
import type { ReminderRunDoc } from '../../data/documents';
import { getById, put, type Where } from '../../data/store';
import { walk } from '../jobs/walk';
import { dayKey } from '../time/calendar';
import { notifyMany, type NotificationEvent } from './notice';

/**
 * A reminder job's walk over a collection, once per China day, resumable: the cursor is saved after
 * every page, so a base of any size is covered across as many invocations (timer ticks) as it takes,
 * and a crash repeats at most one page (raising a notification twice is a no-op: its id is its event).
 * Each page's events are raised in one batch (`notifyMany`).
 */
export async function dailyWalk<T extends { _id: string }>(
  job: string,
  collection: CollectionName,
  where: Where,
  now: Date,
  timeLeftMs: () => number,
  eventOf: (doc: T) => NotificationEvent | null,
): Promise<JobReport> {
  const stateId = `reminders-${job}`;
  const today = dayKey(now);
  const saved = await getById<ReminderRunDoc>(COLLECTIONS.jobState, stateId);
  if (saved?.runId === today && saved.finishedAt) return { job, scanned: 0, changed: 0, partial: false, details: { runId: today, alreadyFinished: true } };
  let state: ReminderRunDoc = saved?.runId === today ? saved : { _id: stateId, runId: today, cursor: '', finishedAt: null, scanned: 0, raised: 0, updatedAt: now };
  let raised = 0;
  // A page (query, batch insert, checkpoint) must fit in what is left: keep twice the slowest page
  // seen in reserve, so a busy database cannot push the last page past the function's timeout.
  let slowestPageMs = 0;
  let pageStarted = performance.now();
  const budget = (): number => timeLeftMs() - 2 * slowestPageMs;
  const result = await walk<T>(collection, where, { after: state.cursor, pageSize: 200, timeLeftMs: budget }, async (docs) => {
    const events = docs.map(eventOf).filter((e): e is NotificationEvent => e !== null);
    const pageRaised = await notifyMany(events, now);
    raised += pageRaised;
    state = { ...state, cursor: docs[docs.length - 1]._id, scanned: state.scanned + docs.length, raised: state.raised + pageRaised, updatedAt: now };
    await put(COLLECTIONS.jobState, state);
    const ended = performance.now();
    slowestPageMs = Math.max(slowestPageMs, ended - pageStarted);
    pageStarted = ended;
  });
  const finished = result.cursor === null;
  await put<ReminderRunDoc>(COLLECTIONS.jobState, { ...state, finishedAt: finished ? now : null, updatedAt: now });
  return { job, scanned: result.scanned, changed: raised, partial: !finished, details: { runId: today, totalScanned: state.scanned, totalRaised: state.raised } };
}
