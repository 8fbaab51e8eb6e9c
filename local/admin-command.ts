import { consoleTarget, postToConsole, type ConsoleTargetOptions } from 'cloudbase-local-emulator/cli/admin-client';
import { parsePayload, printConsoleAnswer } from 'cloudbase-local-emulator/cli/console-answer';
import { withAdminKey } from 'cloudbase-local-emulator/host/admin-key';

export type AdminOptions = ConsoleTargetOptions;

/**
 * `npm run admin -- <function> <action> [json]` posts `{ action, ...json, adminKey }` to the console route
 * (this product's functions take an `action` field); `npm run admin -- timer <function> <trigger>`
 * fires a timer now. Returns the exit code.
 */
export async function runAdmin(first: string, second: string, third: string | undefined, options: AdminOptions): Promise<number> {
  const isTimer = first === 'timer';
  if (isTimer && !third) throw new Error('usage: npm run admin -- timer <function> <trigger>');
  const path = isTimer
    ? `/console/timers/${encodeURIComponent(second)}/${encodeURIComponent(third ?? '')}`
    : `/console/functions/${encodeURIComponent(first)}`;
  const target = consoleTarget(options);
  if (!isTimer && !target.adminKey) throw new Error('no admin key for this emulator (is it running with this --data folder? else pass --admin-key or EMULATOR_ADMIN_KEY)');
  // Like a console test invocation, a function call proves itself with the admin key; a timer is its own caller.
  const event = isTimer ? {} : withAdminKey({ ...parsePayload(third), action: second }, target.adminKey ?? '');
  return printConsoleAnswer(await postToConsole(target, path, event));
}

/** `npm run admin -- outbox`: the subscription messages the emulator "delivered" (subscribeMessage.send). */
export async function runOutbox(options: AdminOptions): Promise<number> {
  return printConsoleAnswer(await postToConsole(consoleTarget(options), '/console/openapi/subscribe-message/outbox', {}));
}

/**
 * `npm run admin -- pay <outTradeNo> --succeed|--fail`: the payer finishes WeChat's payment sheet.
 * The emulator's 云支付 pays the order and sends the payment notification to the function named at
 * unifiedOrder (source wx_paycallback); a failed payment sends none, as on the platform.
 */
export async function runPay(outTradeNo: string, outcome: 'succeed' | 'fail', options: AdminOptions): Promise<number> {
  const target = consoleTarget(options);
  return printConsoleAnswer(await postToConsole(target, `/console/pay/${encodeURIComponent(outTradeNo)}`, { outcome }));
}
