import type { DispatchReport, DispatchedJob } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { TimerJobStateDoc } from '../../data/documents';
import { find, put } from '../../data/store';
import { logger } from '../../platform/logger';
import { latestSlot, type Cadence } from './cadence';

export interface ScheduledJob {
  name: string;
  cadence: Cadence;
  /** Runs the job once; `partial: true` means it stopped on its time budget and stays due. */
  run(now: Date, timeLeftMs: () => number): Promise<{ partial: boolean }>;
}

/** Do not start another job with less than this left: it could not checkpoint before the timeout. */
const MIN_START_MS = 3_000;

const stateId = (functionName: string, job: string): string => `timer-${functionName}-${job}`;

/**
 * The one timer trigger of a function calls this. A job is due when its latest slot has no
 * finished run yet, so a missed tick (platform hiccup, timeout, error) loses nothing: the next
 * tick runs it, and several missed slots collapse into one run (every job processes all work due
 * up to `now`, and is idempotent). Jobs that ran least recently go first, so a long job that keeps
 * stopping on its time budget cannot starve the others.
 */
export async function dispatchDueJobs(functionName: string, jobs: readonly ScheduledJob[], now: Date, timeLeftMs: () => number): Promise<DispatchReport> {
  const _ = command();
  const states = await find<TimerJobStateDoc>(COLLECTIONS.jobState, { _id: _.in(jobs.map((j) => stateId(functionName, j.name))) });
  const byId = new Map(states.map((s) => [s._id, s]));
  const due = jobs
    .map((job) => ({ job, slot: latestSlot(job.cadence, now), state: byId.get(stateId(functionName, job.name)) }))
    .filter(({ slot, state }) => !state?.doneSlot || state.doneSlot.getTime() < slot.getTime())
    .sort((a, b) => (a.state?.lastRunAt?.getTime() ?? 0) - (b.state?.lastRunAt?.getTime() ?? 0));

  const ran: DispatchedJob[] = [];
  const waiting: string[] = [];
  for (const { job, slot, state } of due) {
    if (timeLeftMs() < MIN_START_MS) {
      waiting.push(job.name);
      continue;
    }
    const id = stateId(functionName, job.name);
    const previousDone = state?.doneSlot ?? null;
    try {
      const report = await job.run(now, timeLeftMs);
      await put<TimerJobStateDoc>(COLLECTIONS.jobState, { _id: id, job: job.name, lastRunAt: now, doneSlot: report.partial ? previousDone : slot });
      ran.push({ job: job.name, slot: slot.toISOString(), finished: !report.partial, report });
    } catch (error) {
      // The slot stays open: the next tick retries. Other due jobs still run.
      logger.error({ err: error, fn: functionName, job: job.name }, 'scheduled job failed');
      await put<TimerJobStateDoc>(COLLECTIONS.jobState, { _id: id, job: job.name, lastRunAt: now, doneSlot: previousDone });
      ran.push({ job: job.name, slot: slot.toISOString(), finished: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { at: now.toISOString(), ran, waiting };
}
