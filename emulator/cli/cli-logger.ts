import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * Readable lines when a person watches the terminal, JSON lines (like CloudBase's log console)
 * when the output goes to a pipe or file. LOG_FORMAT=json|pretty overrides the guess; the
 * level comes from --log-level or LOG_LEVEL.
 */
export function createCliLogger(level: string | undefined, stream: NodeJS.WriteStream = process.stdout): Logger {
  const options = { level: level ?? process.env.LOG_LEVEL ?? 'info', base: undefined };
  const format = process.env.LOG_FORMAT ?? (stream.isTTY ? 'pretty' : 'json');
  if (format !== 'pretty') return pino(options);
  return pino(
    options,
    pretty({
      destination: stream,
      sync: true,
      colorize: stream.isTTY === true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'part',
      messageFormat: '{if part}[{part}] {end}{msg}',
    }),
  );
}
