import type { Dashboard, JobReport } from '../../typings/api';
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { DailyStatsDoc } from '../../cloudfunctions/shared/data/documents';
import { find, removeWhere } from '../support/inspect';
import { expectCode, joinMember, openStore, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

/**
 * The dashboard against a hand calculation: a small brand seeded through the real functions
 * with the injectable clock, asked for 2026-03-01 … 2026-03-15 (China time) ten days later,
 * after more joins, purchases and an upgrade that must not leak into the range's figures.
 * The jobs' daily snapshot runs now and then while the clock moves across days (catching up the
 * days it missed), so the figures below are read from snapshots plus the changes after them; the
 * last block asks the same questions with the snapshots removed (the live computation over the
 * base) and expects identical answers.
 */
let world: LoyaltyWorld;
let cashier: Actor;
let report: Dashboard;
const snapshot = (): Promise<JobReport> => world.console.call('jobs', 'dailyStats', {});
/** Questions asked with snapshots, answered again without them at the end. */
const RANGES = [
  { from: '2026-03-01', to: '2026-03-15' },
  { from: '2026-02-01', to: '2026-02-28' },
  { from: '2026-03-04', to: '2026-03-04T12:00:00+08:00' }, // ends mid-day: the day's changes up to noon
  { from: '2026-03-16', to: '2026-03-24' },
  { from: '2026-03-20T09:00:00+08:00', to: '2026-03-25' }, // reaches today, past the last snapshot
];
const withSnapshots: Dashboard[] = [];

async function buy(member: Actor, orderNo: string, yuan: number) {
  return cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, member), orderNo, amountFen: yuan * 100 });
}

beforeAll(async () => {
  world = await startWorld('2026-02-02T10:00:00+08:00');
  cashier = await openStore(world);
  await world.console.call('admin', 'updateSettings', { settings: { pointValueFen: 2 } });
  const a = await joinMember(world, 'o_dash_a');
  await buy(a, 'A1', 100); // before the range: 100 points
  expect(await snapshot()).toMatchObject({ changed: 0 }); // no closed day with a member yet
  world.clock.set('2026-03-02T10:00:00+08:00'); // Monday
  const b = await joinMember(world, 'o_dash_b');
  world.clock.set('2026-03-04T10:00:00+08:00');
  const c = await joinMember(world, 'o_dash_c');
  await buy(a, 'A2', 200);
  await buy(a, 'A3', 50);
  await buy(b, 'B1', 300);
  await buy(c, 'C1', 1200); // bronze earns 1×: 1200 points; growth 1200 → silver
  expect(await snapshot()).toMatchObject({ changed: 31, partial: false }); // 02-01 (before the first join) … 03-03
  world.clock.set('2026-03-05T10:00:00+08:00');
  await cashier.call('staff', 'recordRefund', { sessionId: await scan(cashier, a), orderNo: 'A2', refundNo: 'A2-R1', amountFen: 10_000 }); // −100 points
  world.clock.set('2026-03-10T10:00:00+08:00');
  await joinMember(world, 'o_dash_d');
  // After the range: a joiner, and b's upgrade to silver.
  world.clock.set('2026-03-20T10:00:00+08:00');
  await snapshot(); // through 03-19
  await joinMember(world, 'o_dash_e');
  await buy(b, 'B2', 2000);
  world.clock.set('2026-03-25T10:00:00+08:00');
  expect(await snapshot()).toMatchObject({ changed: 5 }); // 03-20 … 03-24
  for (const range of RANGES) withSnapshots.push(await world.console.call('campaign', 'dashboard', range));
  report = withSnapshots[0];
});
afterAll(() => world.close());

describe('dashboard', () => {
  it('counts members, new members per business week and the active rate as of the range end', () => {
    expect(report.range).toEqual({ from: '2026-03-01T00:00:00+08:00', to: '2026-03-15T23:59:59+08:00' });
    expect(report.kpis.members).toEqual({ total: 4, new: 3, active: 3 }); // a b c d; b c d joined; a b c bought
    // 2026-03-01 is a Sunday: its week starts Monday 02-23 and only its last day is in the range.
    expect(report.weeks).toEqual([
      { weekStart: '2026-02-23', newMembers: 0, members: 1 },
      { weekStart: '2026-03-02', newMembers: 2, members: 3 },
      { weekStart: '2026-03-09', newMembers: 1, members: 4 },
    ]);
    expect(report.activeRate).toBe(0.75);
  });

  it('repurchase rate against the 30% target, and core-user ARPU against ¥800/month', () => {
    // Buyers a b c; a bought twice → 1/3.
    expect(report.repurchase).toEqual({ value: 0.3333, target: 0.3, met: true });
    // Core user a: 200 + 50 − 100 refunded = ¥150 over 15 days = half of 30 days → ¥300 per month.
    expect(report.coreUsers).toEqual({ count: 1, netSpendYuan: 150, arpuYuanPerMonth: 300, target: { value: 300, target: 800, met: false } });
  });

  it('tier distribution as of the range end and the movements inside it', () => {
    // Today b is silver and e bronze; at the range end b was bronze and e not a member.
    expect(report.kpis.tiers.distribution).toEqual({ bronze: 3, silver: 1 });
    expect(report.kpis.tiers.movements).toEqual([
      { from: null, to: 'bronze', reason: 'join', count: 3 },
      { from: 'bronze', to: 'silver', reason: 'upgrade', count: 1 },
    ]);
  });

  it('points issued, reversed, outstanding and the liability in yuan at the configured value', () => {
    expect(report.kpis.points).toEqual({ issued: 200 + 50 + 300 + 1200, redeemed: 0, expired: 0, reversed: 100, outstandingLiability: 100 + 1750 - 100 });
    expect(report.liability).toEqual({ points: 1750, pointValueFen: 2, yuan: 35 });
  });

  it('gives every table as CSV rows under a stable column list', () => {
    expect(report.tables.weeks).toEqual({ columns: ['week_start', 'new_members', 'members'], rows: [['2026-02-23', 0, 1], ['2026-03-02', 2, 3], ['2026-03-09', 1, 4]] });
    expect(report.tables.tiers).toEqual({ columns: ['tier', 'members'], rows: [['bronze', 3], ['silver', 1]] });
    expect(report.tables.kpis.columns).toEqual(['kpi', 'value', 'target']);
    expect(report.tables.kpis.rows).toContainEqual(['repurchase_rate', 0.3333, 0.3]);
    expect(report.tables.kpis.rows).toContainEqual(['points_liability_yuan', 35, null]);
    expect(report.tables.points.rows).toContainEqual(['outstanding', 1750]);
    for (const t of Object.values(report.tables)) for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
  });

  it('moves with the range: the same question for February sees only a', async () => {
    const february = await world.console.call('campaign', 'dashboard', { from: '2026-02-01', to: '2026-02-28' });
    expect(february.kpis.members).toEqual({ total: 1, new: 1, active: 1 });
    expect(february.kpis.tiers.distribution).toEqual({ bronze: 1 });
    expect(february.liability.points).toBe(100);
  });

  it('refuses a bad range', async () => {
    const refused = async (request: Record<string, unknown>) => expectCode(world.console.raw('campaign', 'dashboard', request).then((r) => (r.ok ? r : Promise.reject(r))), 'INVALID_INPUT');
    await refused({ from: '2026-03-15', to: '2026-03-01' });
    await refused({ from: '2025-01-01', to: '2026-03-01' });
    await refused({ from: '2026-3-1', to: '2026-03-15' });
    await refused({ from: '2026-03-01' });
  });

  it('the daily snapshots hold the day-end figures: one per day, none twice', async () => {
    expect(await snapshot()).toMatchObject({ changed: 0 }); // same day: nothing new
    const days = await find<DailyStatsDoc>(COLLECTIONS.dailyStats, {}, { orderBy: [['end', 'asc']], limit: 100 });
    expect(days.map((d) => d.day)).toEqual(Array.from({ length: 52 }, (_, i) => new Date(Date.UTC(2026, 1, 1 + i)).toISOString().slice(0, 10)));
    const day = (key: string) => days.find((d) => d.day === key);
    expect(day('2026-02-01')).toMatchObject({ members: 0, tiers: {}, ledgerTotal: 0 });
    expect(day('2026-03-15')).toMatchObject({ members: 4, tiers: { bronze: 3, silver: 1 }, ledgerTotal: 1750, points: { issued: 1850, reversed: 100 } });
    expect(day('2026-03-20')).toMatchObject({ members: 5, tiers: { bronze: 3, silver: 2 } });
  });

  it('answers the same with snapshots as without them (live over the base), and after a rebuild', async () => {
    await removeWhere(COLLECTIONS.dailyStats, {});
    const live: Dashboard[] = [];
    for (const range of RANGES) live.push(await world.console.call('campaign', 'dashboard', range));
    expect(live).toEqual(withSnapshots);
    // The first run after the loss rebuilds every day from the first join (catch-up).
    expect(await snapshot()).toMatchObject({ changed: 52, partial: false });
    const rebuilt: Dashboard[] = [];
    for (const range of RANGES) rebuilt.push(await world.console.call('campaign', 'dashboard', range));
    expect(rebuilt).toEqual(withSnapshots);
  });
});
