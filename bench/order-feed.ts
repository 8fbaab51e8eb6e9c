import { DEFAULT_SETTINGS } from '../cloudfunctions/shared/domain/settings/defaults';
import { signEvent, sendSigned, type FeedClient } from '../scripts/pos/signed-client';
import type { OrderEvent } from '../typings/api/orders';
import { COLLECTIONS } from '../cloudfunctions/shared/data/collections';
import { count } from '../cloudfunctions/shared/data/store';
import { fmt, type Section } from './lib/report';
import pino from 'pino';
import { startEmulator } from 'cloudbase-local-emulator';
import { PROJECT } from '../local/paths';
import { asShopper, data } from './lib/world';

/**
 * A burst of signed order events through the emulator's HTTP access route, as a POS fleet would
 * send them: each event signed when sent (fresh timestamp and nonce), `CONCURRENCY` requests in
 * flight, spread over `MEMBERS` members. Reports events/s and database requests per event (what
 * CloudBase bills), then checks that every event was credited exactly once.
 */
const EVENTS = Number(process.env.BENCH_ORDER_EVENTS ?? 10_000);
const MEMBERS = 200;
const CONCURRENCY = 16;
/** Optional wall-clock budget for the burst (seconds): on a machine too busy to finish, the figures cover the events sent. */
const MAX_SECONDS = Number(process.env.BENCH_ORDER_MAX_SECONDS ?? Infinity);

export async function orderFeed(): Promise<Section> {
  // Functions run with a 300 s timeout (as the concurrency test suites do): on a shared, loaded machine
  // slowness must show in events/s, not as time-outs of calls that then still complete.
  const emu = await startEmulator({ ...PROJECT, dataDir: null, dbPort: 0, hostPort: 0, timers: false, functionTimeoutSeconds: 300, logger: pino({ level: 'silent' }) });
  try {
    for (let from = 0; from < MEMBERS; from += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, MEMBERS - from) }, (_, k) => asShopper(emu, `bench_feed_${from + k}`)('member', 'register', { consentVersion: DEFAULT_SETTINGS.privacyPolicyVersion })),
      );
    }
    const { secret } = data<{ secret: string }>(await emu.invokeAdmin('integrations', { action: 'create', integrationId: 'bench_pos', name: 'bench', channel: 'store' }), 'create integration');
    const client: FeedClient = { baseUrl: `${emu.hostUrl}/http`, path: '/orders', integrationId: 'bench_pos', secret };
    const eventOf = (n: number): OrderEvent => ({ type: 'order.paid', orderNo: `BENCH-${n}`, amountFen: 1_000 + (n % 500), customer: { openid: `bench_feed_${n % MEMBERS}` } });

    emu.db.stats.resetStats();
    let next = 0;
    let sent = 0;
    let failed = 0;
    const statuses = new Map<number, number>();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < EVENTS && (performance.now() - started) / 1000 < MAX_SECONDS) {
          const n = next++;
          const { status, answer } = await sendSigned(signEvent(client, eventOf(n)));
          sent += 1;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (!answer.ok) failed += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const stats = emu.db.stats.snapshot();

    // Every event credited once: orders, member order counts and points agree.
    const report = data<{ scanned: number; discrepancies: unknown[]; done: boolean }>(await emu.invokeAdmin('admin', { action: 'reconcile', maxMembers: MEMBERS }), 'reconcile');
    const recorded = await count(COLLECTIONS.orders, {});
    const rows: Array<Array<string | number>> = [
      ['signed order.paid events sent', `${fmt.int(sent)} of ${fmt.int(EVENTS)}${sent < EVENTS ? ` (stopped at the ${MAX_SECONDS} s budget)` : ''}`],
      ['concurrent requests', CONCURRENCY],
      ['members', fmt.int(MEMBERS)],
      ['wall time (s)', fmt.ms(seconds)],
      ['events/s', fmt.ms(sent / seconds)],
      ['database requests per event', fmt.ms(stats.requests / sent)],
      ['reads / writes / transaction control per event', `${fmt.ms(stats.reads / sent)} / ${fmt.ms(stats.writes / sent)} / ${fmt.ms(stats.transactions / sent)}`],
      ['conflicts/errors per event', fmt.ms(stats.errors / sent)],
      ['HTTP statuses', [...statuses].map(([s, c]) => `${s}: ${fmt.int(c)}`).join(', ')],
      ['refused events', fmt.int(failed)],
      ['orders recorded (must equal the events sent)', fmt.int(recorded)],
      ['ledger discrepancies after the burst (admin reconcile)', `${report.discrepancies.length} in ${fmt.int(report.scanned)} members`],
    ];
    return {
      title: 'Order feed: a burst of signed events through HTTP access',
      command: 'npm run bench -- orders',
      headers: ['figure', 'value'],
      rows,
      notes: [
        'Each request is signed when it is sent (HMAC-SHA256, fresh timestamp and nonce) by the reference client (scripts/pos/signed-client.ts) and goes through the emulator host\'s /http/orders route: integrated request event, source wx_http, the real `orders` function and node-sdk, integrated response.',
        'Per event: the nonce insert, the member lookup by openid (identity, member), the order-rules and configuration reads (cached per warm instance), and the sale transaction (order, member, referral reads; member, order, ledger and audit writes; commit). The integration itself is cached per warm instance for 30 s.',
        'Database requests are counted by the emulator\'s database endpoint; CloudBase bills them. Events/s is this machine under whatever else runs on it (shared by several engineers), not a cloud figure: in the cloud each function instance serves one request at a time and instances scale out.',
        'BENCH_ORDER_EVENTS=<n> changes the burst size (default 10,000); BENCH_ORDER_MAX_SECONDS=<s> stops sending after that long (the figures then cover the events sent).',
      ],
    };
  } finally {
    await emu.close();
  }
}
