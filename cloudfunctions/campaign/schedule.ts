import { continueRuns } from '../shared/domain/campaigns/runner';
import { recomputeSegments } from '../shared/domain/segments/recompute';
import type { ScheduledJob } from '../shared/domain/timers/dispatch';

/** What the campaign `dispatch` timer (config.json, every minute) runs. */
export const CAMPAIGN_SCHEDULE: readonly ScheduledJob[] = [
  // Due every tick; unfinished runs simply continue on the next one.
  { name: 'continueRuns', cadence: { everyMinutes: 1 }, run: async (now, timeLeftMs) => ({ partial: false, runs: await continueRuns(undefined, now, { timeLeftMs }) }) },
  // Walks members once a day (its own checkpoint); every 10 minutes it continues or notices it is done.
  { name: 'recomputeSegments', cadence: { everyMinutes: 10 }, run: (now, timeLeftMs) => recomputeSegments(now, timeLeftMs) },
];
