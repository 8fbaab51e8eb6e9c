/** Timer-driven jobs; each trigger name in cloudfunctions/jobs/config.json is an action here. */
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
}
