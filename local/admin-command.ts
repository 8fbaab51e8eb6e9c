import { consoleTarget, postToConsole, type ConsoleTargetOptions } from 'cloudbase-local-emulator/cli/admin-client';
import { parsePayload, printConsoleAnswer } from 'cloudbase-local-emulator/cli/console-answer';

export type AdminOptions = ConsoleTargetOptions;

/**
 * `npm run admin -- <function> <action> [json]` posts `{ action, ...json }` to the console route
 * (this product's functions take an `action` field); `npm run admin -- timer <function> <trigger>`
 * fires a timer now. Returns the exit code.
 */
export async function runAdmin(first: string, second: string, third: string | undefined, options: AdminOptions): Promise<number> {
  const isTimer = first === 'timer';
  if (isTimer && !third) throw new Error('usage: npm run admin -- timer <function> <trigger>');
  const path = isTimer
    ? `/console/timers/${encodeURIComponent(second)}/${encodeURIComponent(third ?? '')}`
    : `/console/functions/${encodeURIComponent(first)}`;
  const event = isTimer ? {} : { ...parsePayload(third), action: second };
  return printConsoleAnswer(await postToConsole(consoleTarget(options), path, event));
}
