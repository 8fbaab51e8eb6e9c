import type { JobReport } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { JobStateDoc } from '../../data/documents';
import { getById, put } from '../../data/store';
import { raiseFlag } from '../audit/audit';
import { reconcile } from '../points/reconcile';
import { dayKey } from '../time/calendar';

const STATE_ID = 'reconcile';

/**
 * The daily reconciliation as a resumable job: a frequent timer calls it; it starts a run once
 * per business day and continues an unfinished run from its saved cursor, so a member base of
 * any size is checked across as many invocations as it takes. Discrepancies become admin flags.
 */
export async function runDailyReconcile(now: Date, timeLeftMs: () => number): Promise<JobReport> {
  const today = dayKey(now);
  const state = await getById<JobStateDoc>(COLLECTIONS.jobState, STATE_ID);
  if (state && state.runId === today && state.finishedAt) {
    return { job: 'reconcileDaily', scanned: 0, changed: 0, partial: false, details: { runId: today, alreadyFinished: true } };
  }
  const resuming = state && state.runId === today && !state.finishedAt;
  const cursor = resuming ? state.cursor : '';
  const report = await reconcile({ cursor, batchSize: 200, timeLeftMs });
  for (const d of report.discrepancies) {
    await raiseFlag({ kind: 'reconcile', staffId: '', detail: `member ${d.memberId}: ${d.problem} expected ${d.expected} got ${d.actual}`, at: now });
  }
  const next: JobStateDoc = {
    _id: STATE_ID,
    runId: today,
    cursor: report.nextCursor ?? '',
    startedAt: resuming ? state.startedAt : now,
    finishedAt: report.done ? now : null,
    scanned: (resuming ? state.scanned : 0) + report.scanned,
    discrepancies: (resuming ? state.discrepancies : 0) + report.discrepancies.length,
  };
  await put(COLLECTIONS.jobState, next);
  return { job: 'reconcileDaily', scanned: report.scanned, changed: report.discrepancies.length, partial: !report.done, details: { runId: today, totalScanned: next.scanned, totalDiscrepancies: next.discrepancies, unverified: report.unverified } };
}
