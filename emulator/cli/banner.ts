import type { Emulator } from '../index';
import { nextFireTime } from '../timers/cron';

export interface BannerFacts {
  emulator: Emulator;
  dataDir: string | null;
  /** Where the token was written for local tools, when it was. */
  runFile: string | null;
  /** How this project invokes a function as the console, e.g. "npm run admin -- <function> <action> [json]". */
  adminUsage: string[];
  /** What the emulator is doing before it opens, e.g. "seeding demo data"; absent when ready. */
  starting?: string;
  /** The moment the banner is printed: timer times are computed from it. */
  now?: Date;
  /** Project lines shown before "stop" (e.g. a web console's address and sign-in). */
  notes?: string[];
}

/** China time, the zone CloudBase timers run in, e.g. "2026-01-02 02:00:00". */
export function chinaTime(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** One line per timer with its next run from `now`, in China time whatever the machine's zone. */
export function timerLines(emulator: Emulator, now: Date): string[] {
  if (emulator.timers.length === 0) return ['  timers            : none declared'];
  return emulator.timers.map((timer) => {
    const nextAt = nextFireTime(timer.cron, now);
    const next = !emulator.timersScheduled
      ? 'scheduling off (--no-timers)'
      : nextAt
        ? `next ${chinaTime(nextAt)} China time (UTC+8)`
        : 'never fires again';
    return `  timer             : ${timer.functionName}/${timer.triggerName} "${timer.cron}" ${next}`;
  });
}

/** Plain text (not a log line) so a person sees at a glance what runs where. */
export function startupBanner({ emulator, dataDir, runFile, adminUsage, starting, now = new Date(), notes = [] }: BannerFacts): string {
  const lines = [
    '',
    starting ? `Local CloudBase emulator is starting: ${starting} (HTTP calls answer EMULATOR_STARTING until ready)` : 'Local CloudBase emulator is ready',
    `  database endpoint : ${emulator.db.url.replace(emulator.token, '<token>')}`,
    `  data folder       : ${dataDir ?? '(in memory, lost on exit)'}`,
    `  function host     : ${emulator.hostUrl}`,
    `      mini-program  : POST ${emulator.hostUrl}/functions/<name>   (header x-wx-openid: <openid>)`,
    `      console       : POST ${emulator.hostUrl}/console/functions/<name>   (header Authorization: Bearer <token>)`,
    `      health        : GET  ${emulator.hostUrl}/health`,
    `  token             : ${emulator.token}${runFile ? `   (also in ${runFile})` : ''}`,
    `  admin key         : ${runFile ? `in ${runFile}` : emulator.adminKey} (console calls carry it as "adminKey", like a console test invocation)`,
    `  functions (${emulator.functions.length})     : ${emulator.functions.map((f) => f.name).join(', ') || 'none'}`,
    ...timerLines(emulator, now),
  ];
  const tokenPrefix = runFile ? '' : `EMULATOR_TOKEN=${emulator.token} EMULATOR_ADMIN_KEY=${emulator.adminKey} `;
  adminUsage.forEach((usage, i) => lines.push(`${i === 0 ? '  admin             : ' : '                      '}${tokenPrefix}${usage}`));
  lines.push(...notes.map((note) => `  ${note}`));
  lines.push('  stop              : Ctrl+C', '');
  return lines.join('\n');
}
