import pino, { type Logger } from 'pino';

/** JSON lines on stdout, like CloudBase's log console; level from --log-level or LOG_LEVEL. */
export function createCliLogger(level: string | undefined): Logger {
  return pino({ level: level ?? process.env.LOG_LEVEL ?? 'info', base: undefined });
}
