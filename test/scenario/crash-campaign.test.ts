import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../cloudfunctions/shared/domain/settings/defaults';
import { callAs, callConsole, startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process';

type Envelope<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

function data<T>(result: unknown): T {
  const envelope = result as Envelope<T>;
  if (!envelope.ok) throw new Error(`${envelope.code}: ${envelope.message}`);
  return envelope.data;
}

const MEMBERS = Array.from({ length: 40 }, (_, i) => `camp_crash_${String(i).padStart(2, '0')}`);
const BUDGET = 30;
const POINTS = 10;

/**
 * Crash safety of a campaign run: the emulator is killed (SIGKILL) while a trigger is granting.
 * After a restart (business clock past the dead invocation's lease) the run resumes to the end:
 * no member is granted twice, the budget holds, and every ledger invariant holds.
 */
describe('crash during a campaign trigger', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'loyalty-campaign-crash-'));
  let emu: EmulatorProcess | undefined;
  afterAll(async () => {
    await emu?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes without double grants and stays inside the budget', async () => {
    emu = await startEmulatorProcess(dataDir);
    for (const member of MEMBERS) data(await callAs(emu.url, member, 'member', { action: 'register', consentVersion: DEFAULT_SETTINGS.privacyPolicyVersion }));
    data(
      await callConsole(emu.url, 'campaign', {
        action: 'create',
        campaignId: 'crash_gift',
        name: '崩溃测试赠分',
        description: '每位会员10积分',
        audience: { all: [] },
        reward: { kind: 'points', points: POINTS },
        budget: { maxGrants: BUDGET },
        frequency: { kind: 'oncePerCampaign' },
        schedule: { startAt: '2020-01-01T00:00:00+08:00', endAt: '2099-12-31T23:59:59+08:00' },
        holdoutPercent: 0,
      }),
    );
    // Four-eyes: the console submits, a listed admin openid approves.
    data(await callConsole(emu.url, 'admin', { action: 'setAdmins', openids: ['o_crash_reviewer'] }));
    data(await callConsole(emu.url, 'campaign', { action: 'submit', campaignId: 'crash_gift' }));
    data(await callAs(emu.url, 'o_crash_reviewer', 'campaign', { action: 'approve', campaignId: 'crash_gift' }));

    const running = emu;
    const trigger = callConsole(running.url, 'campaign', { action: 'trigger', campaignId: 'crash_gift' }).catch(() => undefined);
    for (;;) {
      const view = data<{ spent: { grants: number } }>(await callConsole(running.url, 'campaign', { action: 'get', campaignId: 'crash_gift' }));
      if (view.spent.grants >= 3) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await running.kill();
    await trigger;

    // Past the dead invocation's lease, as the next timer run would be.
    emu = await startEmulatorProcess(dataDir, ['--clock-offset', '10m']);
    for (let i = 0; i < 20; i += 1) {
      const { runs } = data<{ runs: Array<{ partial: boolean }> }>(await callConsole(emu.url, 'campaign', { action: 'continue' }));
      if (runs.every((r) => !r.partial)) break;
    }
    const view = data<{ spent: { grants: number; points: number }; activeRunId: string | null }>(await callConsole(emu.url, 'campaign', { action: 'get', campaignId: 'crash_gift' }));
    expect(view.spent).toEqual({ grants: BUDGET, points: BUDGET * POINTS });

    const balances = await Promise.all(MEMBERS.map(async (m) => data<{ points: { available: number } }>(await callAs(emu!.url, m, 'member', { action: 'card' })).points.available));
    expect(balances.filter((b) => b === POINTS)).toHaveLength(BUDGET);
    expect(balances.every((b) => b === 0 || b === POINTS)).toBe(true);
    const report = data<{ discrepancies: unknown[] }>(await callConsole(emu.url, 'admin', { action: 'reconcile' }));
    expect(report.discrepancies).toEqual([]);
  });
});
