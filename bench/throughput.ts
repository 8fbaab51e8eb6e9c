import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../cloudfunctions/shared/domain/settings/defaults';
import { callAs, callConsole, startEmulatorProcess } from '../test/support/emulator-process';
import { flashDrop } from './flash-drop';
import { fmt, type Section } from './lib/report';
import { data } from './lib/world';

const MEMBERS = 64;
const STAFF = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

interface Pair {
  member: string;
  staff: string;
  sessionId: string;
}

/**
 * record-purchase at concurrency 1, 16 and 64 through the function host over loopback HTTP,
 * against the emulator running as its own process (as `npm start` does, on a durable folder).
 * Each request is a new order for one of 64 members; afterwards reconciliation must find no
 * discrepancy and the number of recorded orders must equal the number of successful answers.
 */
export async function throughput(): Promise<Section> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loyalty-bench-'));
  const emu = await startEmulatorProcess(dataDir, [], 'warn'); // as `npm start`: unindexed queries are logged, not refused
  const rows: Array<Array<string | number>> = [];
  const notes: string[] = [];
  try {
    data(await callConsole(emu.url, 'admin', { action: 'upsertStore', storeId: 'bench_store', name: '压测门店' }));
    for (let s = 0; s < STAFF; s += 1) data(await callConsole(emu.url, 'admin', { action: 'upsertStaff', openid: `bench_staff_${s}`, name: '收银', storeId: 'bench_store', role: 'cashier' }));
    const pairs: Pair[] = [];
    for (let m = 0; m < MEMBERS; m += 1) {
      const member = `bench_member_${m}`;
      const staff = `bench_staff_${m % STAFF}`;
      data(await callAs(emu.url, member, 'member', { action: 'register', consentVersion: DEFAULT_SETTINGS.privacyPolicyVersion }));
      const { code } = data<{ code: string }>(await callAs(emu.url, member, 'member', { action: 'code' }));
      pairs.push({ member, staff, sessionId: data<{ sessionId: string }>(await callAs(emu.url, staff, 'staff', { action: 'scan', code })).sessionId });
    }
    let sequence = 0;
    let okAnswers = 0;
    let pointsAnswered = 0;
    const load = async (fn: string, connections: number, body: (pair: Pair, n: number) => { openid: string; event: Record<string, unknown> }, onOk: (data: Record<string, unknown>) => void) => {
      const result = await autocannon({
        url: `${emu.url}/functions/${fn}`,
        method: 'POST',
        connections,
        duration: SECONDS,
        requests: [
          {
            setupRequest: (request) => {
              const pair = pairs[sequence % pairs.length];
              sequence += 1;
              const { openid, event } = body(pair, sequence);
              return { ...request, headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(event) };
            },
            onResponse: (status, text) => {
              const answer = status === 200 ? (JSON.parse(text) as { result?: { ok?: boolean; data?: Record<string, unknown> } }).result : undefined;
              if (answer?.ok && answer.data) onOk(answer.data);
            },
          },
        ],
      });
      return result;
    };
    for (const connections of [1, 16, 64]) {
      const result = await load(
        'staff',
        connections,
        (pair, n) => ({ openid: pair.staff, event: { action: 'recordPurchase', sessionId: pair.sessionId, orderNo: `TP-${n}`, amountFen: 5_000 + (n % 100) * 10 } }),
        (answer) => {
          okAnswers += 1;
          pointsAnswered += Number(answer.pointsEarned ?? 0);
        },
      );
      rows.push(['staff.recordPurchase', connections, fmt.int(result.requests.average), fmt.ms(result.latency.p50), fmt.ms(result.latency.p99), fmt.int(result.non2xx + result.errors + result.timeouts)]);
    }
    const window = { from: '2020-01-01T00:00:00+08:00', until: '2099-12-31T23:59:59+08:00' };
    data(await callConsole(emu.url, 'coupon', { action: 'upsertTemplate', templateId: 'tp-claim', title: '包邮券', benefit: { kind: 'free_shipping', thresholdFen: 0 }, totalStock: 10_000_000, perMemberLimit: 99, claimWindow: window, validity: { kind: 'relative', days: 30 }, tiers: [], stackable: true, pointsPrice: 0, visibility: 'public', active: true }));
    let claimed = 0;
    for (const connections of [1, 16, 64]) {
      const result = await load('coupon', connections, (pair) => ({ openid: pair.member, event: { action: 'claim', templateId: 'tp-claim' } }), () => (claimed += 1));
      rows.push(['coupon.claim', connections, fmt.int(result.requests.average), fmt.ms(result.latency.p50), fmt.ms(result.latency.p99), fmt.int(result.non2xx + result.errors + result.timeouts)]);
    }
    // Requests still in flight when the load stops keep committing; check once they are done.
    await new Promise((r) => setTimeout(r, 3000));
    const report = data<{ scanned: number; discrepancies: unknown[] }>(await callConsole(emu.url, 'admin', { action: 'reconcile', batchSize: 500 }));
    const cards = await Promise.all(pairs.map(async (p) => data<{ points: { pending: number; available: number } }>(await callAs(emu.url, p.member, 'member', { action: 'card' }))));
    const onCards = cards.reduce((s, c) => s + c.points.pending + c.points.available, 0);
    const templates = data<{ templates: Array<{ templateId: string; totalStock: number; remainingStock: number }> }>(await callConsole(emu.url, 'coupon', { action: 'listAllTemplates' })).templates;
    const claimTemplate = templates.find((t) => t.templateId === 'tp-claim');
    const issued = claimTemplate ? claimTemplate.totalStock - claimTemplate.remainingStock : -1;
    notes.push(`Coupon check (${issued >= claimed ? 'OK' : 'FAILED'}): ${fmt.int(claimed)} claims answered ok, the template counts ${fmt.int(issued)} issued (≥; the rest were in flight at the stop). Every claim of the 64 members contends on the one template document (its stock counter).`);
    if (issued < claimed) process.exitCode = 1;
    const verdict = report.discrepancies.length === 0 && onCards >= pointsAnswered ? 'OK' : 'FAILED';
    notes.push(`Invariant check afterwards (${verdict}): reconcile scanned ${report.scanned} members with ${report.discrepancies.length} discrepancies (every order credited once, balance = lots = ledger); ${fmt.int(okAnswers)} purchases answered ok with ${fmt.int(pointsAnswered)} points and the cards hold ${fmt.int(onCards)} (≥: nothing answered was lost; the excess is purchases still in flight when the load generator stopped, recorded but unanswered).`);
    if (verdict !== 'OK') process.exitCode = 1;
    const flash = await flashDrop(emu.url);
    rows.push(...flash.rows);
    notes.push(...flash.notes);
    notes.push(`${SECONDS} s per level (BENCH_SECONDS), ${MEMBERS} members each at their own till (${STAFF} cashiers), so contention comes from the load, not from one hot document; emulator (own process) and load generator share the 2-core machine.`);
    notes.push('Each purchase is one function call making about 15 database requests (see the cost table), all through the emulator over HTTP.');
  } finally {
    await emu.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { title: 'Throughput through the function host (HTTP, loopback)', command: 'npm run bench -- throughput', headers: ['action', 'connections', 'ops/s', 'p50 ms', 'p99 ms', 'errors'], rows, notes };
}
