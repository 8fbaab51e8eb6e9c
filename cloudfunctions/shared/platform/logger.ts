import pino from 'pino';

/** Structured JSON logs: CloudBase's log console indexes JSON lines. Quiet under jest unless asked. */
export const logger = pino({
  level: process.env.LOYALTY_LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
  base: undefined,
});
