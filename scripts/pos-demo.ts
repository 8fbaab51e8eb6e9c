import { Command } from 'commander';
import { consoleTarget, postToConsole } from 'cloudbase-local-emulator/cli/admin-client';
import { withAdminKey } from 'cloudbase-local-emulator/host/admin-key';
import type { CustomerRef, OrderEvent } from '../typings/api/orders';
import { sendEvent, type FeedClient } from './pos/signed-client';

/**
 * `npm run pos-demo`: behaves like a store POS against a running emulator (`npm start`). It creates
 * (or re-keys) the integration through the console route with the admin key, as an admin would,
 * then sends signed order events through the HTTP access route and prints each answer.
 *
 *   npm run pos-demo                                  # 3 orders and a refund for the demo shopper (openid demo_shopper)
 *   npm run pos-demo -- --phone 13800000000           # an order for a phone number (kept until that customer joins)
 *   npm run pos-demo -- --integration my-pos --secret <secret> --card 2026...   # an existing integration
 */
interface Options {
  port?: string;
  data?: string;
  integration: string;
  secret?: string;
  channel: string;
  store?: string;
  card?: string;
  phone?: string;
  openid?: string;
  orders: string;
  prefix: string;
}

async function consoleCall(options: Options, fn: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const target = consoleTarget({ ...(options.port ? { port: options.port } : {}), ...(options.data ? { data: options.data } : {}) });
  if (!target.adminKey) throw new Error('no admin key: start the emulator with npm start (or pass --data for its folder)');
  const answer = await postToConsole(target, `/console/functions/${fn}`, withAdminKey(payload, target.adminKey));
  const result = (answer.body as { result?: { ok: boolean; data?: Record<string, unknown>; code?: string; message?: string } }).result;
  if (!result?.ok) throw new Error(`${fn}.${String(payload.action)}: ${result?.code ?? answer.status} ${result?.message ?? JSON.stringify(answer.body)}`);
  return result.data ?? {};
}

/** The integration's secret: given, or from creating it, or (when it exists) from rotating it. */
async function secretOf(options: Options): Promise<string> {
  if (options.secret) return options.secret;
  const created = await consoleCall(options, 'integrations', { action: 'create', integrationId: options.integration, name: 'POS demo', channel: options.channel, ...(options.store ? { storeIds: [options.store] } : {}) }).catch(async (error: Error) => {
    if (!error.message.includes('KEY_CONFLICT')) throw error;
    return consoleCall(options, 'integrations', { action: 'rotateSecret', integrationId: options.integration });
  });
  return String(created.secret);
}

/** Without a flag: the demo seed's shopper, by openid, as the brand's own mini-program shop would send it. */
function customerOf(options: Options): CustomerRef {
  if (options.phone) return { phone: options.phone };
  if (options.card) return { cardNo: options.card };
  return { openid: options.openid ?? 'demo_shopper' };
}

async function main(options: Options): Promise<void> {
  const secret = await secretOf(options);
  const port = options.port ?? '3900';
  const client: FeedClient = { baseUrl: `http://127.0.0.1:${port}/http`, path: '/orders', integrationId: options.integration, secret };
  const customer = customerOf(options);
  const count = Number(options.orders);
  const stamp = Date.now().toString(36);
  for (let i = 1; i <= count; i += 1) {
    const orderNo = `${options.prefix}-${stamp}-${i}`;
    const event: OrderEvent = {
      type: 'order.paid',
      orderNo,
      amountFen: 12_800 * i,
      customer,
      ...(options.store ? { storeId: options.store } : {}),
      lines: [
        { sku: 'TEA-01', category: 'drinks', quantity: i, amountFen: 2_800 * i },
        { sku: 'CAKE-01', category: 'bakery', quantity: 1, amountFen: 10_000 * i },
      ],
    };
    const sent = await sendEvent(client, event);
    console.log(JSON.stringify({ orderNo, status: sent.status, answer: sent.answer }));
  }
  const refund: OrderEvent = { type: 'order.refunded', orderNo: `${options.prefix}-${stamp}-1`, refundNo: `R-${stamp}`, amountFen: 2_800 };
  const sent = await sendEvent(client, refund);
  console.log(JSON.stringify({ refundNo: refund.refundNo, status: sent.status, answer: sent.answer }));
}

const program = new Command()
  .name('pos-demo')
  .description('send signed order events to the running emulator like a POS')
  .option('--port <port>', 'emulator host port', '3900')
  .option('--data <dir>', 'the emulator data folder (token and admin key)')
  .option('--integration <id>', 'integration id', 'pos-demo')
  .option('--secret <secret>', 'its secret (default: create the integration, or rotate its secret)')
  .option('--channel <channel>', 'order-number namespace: store (shared with the till) or e.g. shop', 'store')
  .option('--store <storeId>', 'the store the POS stands in (must be one of the integration\'s stores)')
  .option('--card <cardNo>', 'customer by card number')
  .option('--phone <phone>', 'customer by phone number')
  .option('--openid <openid>', 'customer by mini-program openid')
  .option('--orders <n>', 'how many orders', '3')
  .option('--prefix <prefix>', 'order number prefix', 'POS')
  .action((options: Options) =>
    main(options).catch((error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    }),
  );
program.parse();
