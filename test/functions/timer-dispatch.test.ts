import type { DispatchReport } from '../../typings/api';
import { joinMember, memberDoc, openStore, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

// WeChat allows one trigger per function (config.json: "目前仅支持一个触发器"), so `jobs` and
// `campaign` each have one `dispatch` trigger that runs the jobs their schedule makes due.
const DAY = 24 * 3600_000;
let world: LoyaltyWorld;
let cashier: Actor;

beforeAll(async () => {
  world = await startWorld('2026-05-10T12:00:00+08:00');
  cashier = await openStore(world);
});
afterAll(() => world.close());

async function tick(fn: 'jobs' | 'campaign'): Promise<DispatchReport> {
  const answer = (await world.emu.asTimer(fn, 'dispatch')) as { ok: true; data: DispatchReport };
  expect(answer.ok).toBe(true);
  return answer.data;
}
const finished = (report: DispatchReport): string[] => report.ran.filter((r) => r.finished).map((r) => r.job).sort();

describe('one timer trigger per function, dispatching a schedule in code', () => {
  it('runs every job on the first tick, then only what a new slot makes due', async () => {
    const first = await tick('jobs');
    expect(finished(first)).toEqual(['birthdayGifts', 'dailyStats', 'expirePoints', 'purgeEphemeral', 'reconcileDaily', 'remindCouponsExpiring', 'remindPointsExpiring', 'remindTierRetention', 'reviewTiers', 'sendNotifications', 'settlePending']);
    // Same minute: every slot already served.
    expect((await tick('jobs')).ran).toEqual([]);
    // 12:11: new slots for the 10- and 5-minute jobs (12:10) and the hourly :05 job (12:05); daily ones not.
    world.clock.set('2026-05-10T12:11:00+08:00');
    expect(finished(await tick('jobs'))).toEqual(['reconcileDaily', 'sendNotifications', 'settlePending']);
    world.clock.set('2026-05-10T12:14:00+08:00');
    expect((await tick('jobs')).ran).toEqual([]);
  });

  it('catches up after missed ticks: a daily job whose time passed unseen runs on the next tick, once', async () => {
    const shopper = await joinMember(world, 'o_dispatch_settle');
    const session = await scan(cashier, shopper);
    await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'DISP-1', amountFen: 10_000 });
    // No tick for two days (the platform missed them): 00:10, 00:30, 02:30 and 04:00 passed twice.
    world.clock.advance(2 * DAY);
    const caughtUp = await tick('jobs');
    expect(finished(caughtUp)).toEqual(['birthdayGifts', 'dailyStats', 'expirePoints', 'purgeEphemeral', 'reconcileDaily', 'remindCouponsExpiring', 'remindPointsExpiring', 'remindTierRetention', 'reviewTiers', 'sendNotifications', 'settlePending']);
    expect((await memberDoc('o_dispatch_settle')).points).toMatchObject({ pending: 100 });
    world.clock.advance(6 * DAY);
    await tick('jobs');
    expect((await memberDoc('o_dispatch_settle')).points).toMatchObject({ pending: 0, available: 100 });
    // Several missed slots collapse into one run; the next tick has nothing left.
    expect((await tick('jobs')).ran).toEqual([]);
  });

  it('runs each campaign job at its own cadence from the one every-minute trigger', async () => {
    world.clock.set('2026-05-20T09:01:00+08:00');
    const report = await tick('campaign');
    expect(report.ran.map((r) => r.job).sort()).toEqual(['continueRuns', 'recomputeSegments']);
    world.clock.set('2026-05-20T09:02:00+08:00');
    // One minute later only the every-minute job is due again (segments: every 10 minutes).
    expect((await tick('campaign')).ran.map((r) => r.job)).toEqual(['continueRuns']);
  });

  it('refuses the dispatch action from a shopper', async () => {
    const shopper = await joinMember(world, 'o_dispatch_intruder');
    await expect(shopper.raw('jobs', 'dispatch', {})).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
