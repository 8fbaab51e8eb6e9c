import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../cloudfunctions/shared/domain/settings/defaults';
import { callAs, callConsole, startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process';
import { CONCURRENCY_TIMEOUT_SECONDS } from '../support/loyalty';

/** The functions run with the concurrency suites' timeout: on a busy machine a purchase may outlast config.json's 20 s. */
const SLOW_MACHINE = ['--function-timeout', String(CONCURRENCY_TIMEOUT_SECONDS)];

type Envelope<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

function data<T>(result: unknown): T {
  const envelope = result as Envelope<T>;
  if (!envelope.ok) throw new Error(`${envelope.code}: ${envelope.message}`);
  return envelope.data;
}

const STAFF = 'crash_staff_1';
const MEMBERS = ['crash_member_1', 'crash_member_2', 'crash_member_3', 'crash_member_4'];
const ORDERS = Array.from({ length: 60 }, (_, i) => ({ member: MEMBERS[i % MEMBERS.length], orderNo: `CRASH-${i}`, amountFen: 1_000 + 37 * i }));

/**
 * Crash safety: the emulator process is killed (SIGKILL, no flush) in the middle of a burst of
 * purchases. After a restart every ledger invariant holds, and replaying the whole burst (what a
 * till does after a timeout) credits each order exactly once.
 */
describe('crash during a burst of purchases', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'loyalty-crash-'));
  let emu: EmulatorProcess | undefined;
  afterAll(async () => {
    await emu?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every invariant and credits each order once after restart and replay', async () => {
    emu = await startEmulatorProcess(dataDir, SLOW_MACHINE);
    data(await callConsole(emu.url, 'admin', { action: 'upsertStore', storeId: 'crash_store', name: '崩溃测试店' }));
    data(await callConsole(emu.url, 'admin', { action: 'upsertStaff', openid: STAFF, name: '收银', storeId: 'crash_store', role: 'cashier' }));
    const sessions = new Map<string, string>();
    for (const member of MEMBERS) {
      data(await callAs(emu.url, member, 'member', { action: 'register', consentVersion: DEFAULT_SETTINGS.privacyPolicyVersion }));
      const { code } = data<{ code: string }>(await callAs(emu.url, member, 'member', { action: 'code' }));
      sessions.set(member, data<{ sessionId: string }>(await callAs(emu.url, STAFF, 'staff', { action: 'scan', code })).sessionId);
    }
    const purchase = (url: string, o: (typeof ORDERS)[number]) => callAs(url, STAFF, 'staff', { action: 'recordPurchase', sessionId: sessions.get(o.member), orderNo: o.orderNo, amountFen: o.amountFen });

    // The burst: all at once; the process dies after the first few answers.
    let answered = 0;
    const crashed = emu;
    const burst = ORDERS.map((o) => purchase(crashed.url, o).then(() => (answered += 1), () => undefined));
    while (answered < 8) await new Promise((r) => setTimeout(r, 5));
    await crashed.kill();
    await Promise.all(burst);
    expect(answered).toBeLessThan(ORDERS.length);

    emu = await startEmulatorProcess(dataDir, SLOW_MACHINE);
    const afterCrash = data<{ discrepancies: unknown[]; scanned: number }>(await callConsole(emu.url, 'admin', { action: 'reconcile' }));
    expect(afterCrash).toMatchObject({ scanned: MEMBERS.length, discrepancies: [] });

    const url = emu.url;
    const receipts = await Promise.all(ORDERS.map(async (o) => data<{ orderNo: string; pointsEarned: number }>(await purchase(url, o))));
    expect(receipts.map((r) => r.orderNo)).toEqual(ORDERS.map((o) => o.orderNo));
    const final = data<{ discrepancies: unknown[] }>(await callConsole(emu.url, 'admin', { action: 'reconcile' }));
    expect(final.discrepancies).toEqual([]);
    for (const member of MEMBERS) {
      const card = data<{ points: { pending: number; available: number } }>(await callAs(emu.url, member, 'member', { action: 'card' }));
      const expected = receipts.filter((_, i) => ORDERS[i].member === member).reduce((s, r) => s + r.pointsEarned, 0);
      expect(card.points.pending + card.points.available).toBe(expected);
    }
  }, 2 * CONCURRENCY_TIMEOUT_SECONDS * 1000);
});
