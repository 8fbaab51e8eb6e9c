import type { Emulator } from '../index';

export interface BannerFacts {
  emulator: Emulator;
  dataDir: string | null;
  timersOn: boolean;
  hostPort: number;
  /** Where `npm run admin` finds the admin key; null when a script supplied the key. */
  adminKeyFile?: string | null;
}

/** China time, the zone CloudBase timers run in, e.g. "2026-01-02 02:00:00". */
function chinaTime(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** Plain text (not a log line) so a person sees at a glance what runs where. */
export function startupBanner({ emulator, dataDir, timersOn, hostPort, adminKeyFile = null }: BannerFacts): string {
  const lines = [
    '',
    'Local CloudBase emulator is running',
    `  database endpoint : ${emulator.db.url}`,
    `  data folder       : ${dataDir ?? '(in memory, lost on exit)'}`,
    `  function host     : ${emulator.hostUrl}`,
    `      mini-program  : POST ${emulator.hostUrl}/functions/<name>   (header x-wx-openid: <openid>)`,
    `      console       : POST ${emulator.hostUrl}/console/functions/<name>`,
    `      health        : GET  ${emulator.hostUrl}/health`,
    `  functions (${emulator.functions.length})     : ${emulator.functions.map((f) => f.name).join(', ') || 'none'}`,
  ];
  if (emulator.timers.length === 0) lines.push('  timers            : none declared');
  for (const timer of emulator.timers) {
    const next = timersOn ? (timer.nextRun ? `next ${chinaTime(timer.nextRun)} China time` : 'never fires again') : 'scheduling off (--no-timers)';
    lines.push(`  timer             : ${timer.functionName}/${timer.triggerName} "${timer.cron}" ${next}`);
  }
  const portFlag = hostPort === 3900 ? '' : ` --port ${hostPort}`;
  lines.push(
    '  admin             : npm run admin --' + portFlag + ' <function> <action> [json]',
    '                      npm run admin --' + portFlag + ' timer <function> <trigger>',
    `  admin key         : ${adminKeyFile ?? 'from EMULATOR_ADMIN_KEY'} (console calls carry it as "adminKey", like a console test invocation)`,
    '  stop              : Ctrl+C',
    '',
  );
  return lines.join('\n');
}
