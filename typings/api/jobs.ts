/** Maintenance jobs: the one timer trigger (`dispatch`) runs the due ones; the console may run any by name. */
export interface JobReport {
  job: string;
  scanned: number;
  changed: number;
  /** True when the job stopped early (time budget) and the next run continues. */
  partial: boolean;
  details?: unknown;
}

export interface JobsApi {
  expirePoints: { request: Record<string, never>; response: JobReport };
  settlePending: { request: Record<string, never>; response: JobReport };
  reviewTiers: { request: Record<string, never>; response: JobReport };
  reconcileDaily: { request: Record<string, never>; response: JobReport };
  purgeEphemeral: { request: Record<string, never>; response: JobReport };
  birthdayGifts: { request: Record<string, never>; response: JobReport };
  /** Daily dashboard snapshots (daily_stats) for every closed business day without one; catches up. */
  dailyStats: { request: Record<string, never>; response: JobReport };
  dispatch: { request: Record<string, never>; response: DispatchReport };
  sendNotifications: { request: Record<string, never>; response: JobReport };
  remindPointsExpiring: { request: Record<string, never>; response: JobReport };
  remindCouponsExpiring: { request: Record<string, never>; response: JobReport };
  remindTierRetention: { request: Record<string, never>; response: JobReport };
}

/** One job the timer dispatcher started on this tick. */
export interface DispatchedJob {
  job: string;
  /** The slot (ISO instant) this run serves. */
  slot: string;
  /** False when the job stopped on its time budget or failed: it stays due for the next tick. */
  finished: boolean;
  report?: unknown;
  error?: string;
}

/** What a function's single timer trigger did: due jobs run, the rest left for the next tick. */
export interface DispatchReport {
  at: string;
  ran: DispatchedJob[];
  /** Due jobs not started for lack of time. */
  waiting: string[];
}
