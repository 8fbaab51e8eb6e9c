import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../cloudfunctions/shared/domain/settings/defaults';
import type { ClaimedRepair } from '../../typings/api/coupon';
import type { HeldRepair } from '../../typings/api/groupbuy';
import { callAs, callConsole, startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process';
import { CONCURRENCY_TIMEOUT_SECONDS } from '../support/loyalty';

type Envelope<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

function data<T>(result: unknown): T {
  const envelope = result as Envelope<T>;
  if (!envelope.ok) throw new Error(`${envelope.code}: ${envelope.message}`);
  return envelope.data;
}

const STOCK = 15;
const CLAIMERS = Array.from({ length: 60 }, (_, i) => `crash_flash_${i}`);
const DEALS = 5;
const WINDOW = { from: '2026-01-01T00:00:00+08:00', until: '2036-01-01T00:00:00+08:00' };
/** The functions run with the concurrency suites' timeout: on a busy machine a claim may outlast config.json's 20 s. */
const SLOW_MACHINE = ['--function-timeout', String(CONCURRENCY_TIMEOUT_SECONDS)];

/**
 * Crash safety of hot stock: the emulator process is killed (SIGKILL) in the middle of a flash drop
 * (coupon claims) and of a rush of group-buy starts. Units are taken before coupons and groups are
 * written, so right after the restart the counts may exceed what was issued but never the stock.
 * The repair (run with business time past the functions' timeout: `--clock-offset`) makes them match,
 * and a second wave of claimers then gets exactly the units that were left: nothing oversold, nothing lost.
 */
describe('crash during a flash drop', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'loyalty-flash-'));
  let emu: EmulatorProcess | undefined;
  afterAll(async () => {
    await emu?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('never oversells, and repair plus a second wave issues exactly the stock', async () => {
    emu = await startEmulatorProcess(dataDir, SLOW_MACHINE);
    const first = emu;
    data(await callConsole(first.url, 'coupon', {
      action: 'upsertTemplate', templateId: 'flash', title: '限量券', benefit: { kind: 'cash_off', thresholdFen: 0, amountOffFen: 500 },
      totalStock: STOCK, perMemberLimit: 1, claimWindow: WINDOW, validity: { kind: 'relative', days: 7 }, tiers: [], stackable: false, pointsPrice: 0, visibility: 'public', active: true,
    }));
    data(await callConsole(first.url, 'coupon', {
      action: 'upsertTemplate', templateId: 'flash-gb', title: '拼团券', benefit: { kind: 'gift', thresholdFen: 0, giftLabel: '拼团商品' },
      totalStock: 0, perMemberLimit: 1, claimWindow: WINDOW, validity: { kind: 'relative', days: 7 }, tiers: [], stackable: false, pointsPrice: 0, visibility: 'hidden', active: true,
    }));
    data(await callConsole(first.url, 'groupbuy', {
      action: 'upsertDeal', dealId: 'flash-deal', productLabel: '双杯', groupPriceFen: 1_990, originalPriceFen: 3_600, groupSize: 3, fillHours: 24, window: WINDOW, groupStock: DEALS, entitlementTemplateId: 'flash-gb', active: true,
    }));
    for (let i = 0; i < CLAIMERS.length; i += 10) {
      await Promise.all(CLAIMERS.slice(i, i + 10).map(async (openid) => data(await callAs(first.url, openid, 'member', { action: 'register', consentVersion: DEFAULT_SETTINGS.privacyPolicyVersion }))));
    }

    // The burst: half the claimers claim and start a group at once; the process dies after a few answers.
    const wave = CLAIMERS.slice(0, CLAIMERS.length / 2);
    let answered = 0;
    const burst = wave.flatMap((openid) => [
      callAs(first.url, openid, 'coupon', { action: 'claim', templateId: 'flash' }).then(() => (answered += 1), () => undefined),
      callAs(first.url, openid, 'groupbuy', { action: 'start', dealId: 'flash-deal' }).then(() => (answered += 1), () => undefined),
    ]);
    while (answered < 6) await new Promise((r) => setTimeout(r, 2));
    await first.kill();
    await Promise.all(burst);

    emu = await startEmulatorProcess(dataDir, ['--clock-offset', '1m', ...SLOW_MACHINE]);
    const url = emu.url;
    const coupons = data<ClaimedRepair>(await callConsole(url, 'coupon', { action: 'reconcileClaimed', templateId: 'flash' }));
    expect(coupons.settled).toBe(true);
    expect(coupons.issued).toBeLessThanOrEqual(coupons.claimed);
    expect(coupons.claimed).toBeLessThanOrEqual(STOCK);
    expect(coupons.repaired).toBe(coupons.issued);
    const groups = data<HeldRepair>(await callConsole(url, 'groupbuy', { action: 'reconcileHeld', dealId: 'flash-deal' }));
    expect(groups.settled).toBe(true);
    expect(groups.groups).toBeLessThanOrEqual(groups.held);
    expect(groups.held).toBeLessThanOrEqual(DEALS);
    expect(groups.repaired).toBe(groups.groups);

    // The second wave: everyone (first-wave claimers hold their coupon already) tries again.
    // In groups of 10 at once: concurrent enough to contend, light enough for a busy machine.
    const claims: Array<Envelope<unknown>> = [];
    const starts: Array<Envelope<unknown>> = [];
    for (let i = 0; i < CLAIMERS.length; i += 10) {
      const group = CLAIMERS.slice(i, i + 10);
      claims.push(...(await Promise.all(group.map((openid) => callAs(url, openid, 'coupon', { action: 'claim', templateId: 'flash' }) as Promise<Envelope<unknown>>))));
      starts.push(...(await Promise.all(group.map((openid) => callAs(url, openid, 'groupbuy', { action: 'start', dealId: 'flash-deal' }) as Promise<Envelope<unknown>>))));
    }
    for (const r of claims) if (!r.ok) expect(['COUPON_OUT_OF_STOCK', 'COUPON_LIMIT_REACHED']).toContain(r.code);
    for (const r of starts) if (!r.ok) expect(['GROUPBUY_SOLD_OUT', 'ALREADY_IN_GROUP']).toContain(r.code);
    expect(claims.filter((r) => r.ok)).toHaveLength(STOCK - coupons.issued);
    expect(starts.filter((r) => r.ok)).toHaveLength(DEALS - groups.groups);

    const after = data<ClaimedRepair>(await callConsole(url, 'coupon', { action: 'reconcileClaimed', templateId: 'flash' }));
    expect(after).toMatchObject({ claimed: STOCK, issued: STOCK });
    const held = data<HeldRepair>(await callConsole(url, 'groupbuy', { action: 'reconcileHeld', dealId: 'flash-deal' }));
    expect(held).toMatchObject({ held: DEALS, groups: DEALS });
  }, 2 * CONCURRENCY_TIMEOUT_SECONDS * 1000);
});
