import type { CampaignKpi } from '../../typings/api';
import { inHoldout } from '../../cloudfunctions/shared/domain/campaigns/holdout';
import { joinMember, memberDoc, openStore, scan, startWorld, type Actor, type LoyaltyWorld, approveCampaign } from '../support/loyalty';

// A small brand seeded by hand through the real functions; every figure below is computed by
// hand from this story (the holdout split comes from the same hash the engine uses).
let world: LoyaltyWorld;
let cashier: Actor;
const who: Record<'a' | 'b' | 'c' | 'd', { actor: Actor; id: string }> = {} as never;

async function buy(member: Actor, orderNo: string, amountFen: number) {
  return cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, member), orderNo, amountFen });
}

beforeAll(async () => {
  world = await startWorld('2026-02-01T10:00:00+08:00');
  cashier = await openStore(world);
  for (const name of ['a', 'b', 'c'] as const) who[name] = { actor: await joinMember(world, `o_rpt_${name}`), id: '' };
  await buy(who.a.actor, 'A1', 10_000); // 100 points (February: outside the range)
  await buy(who.b.actor, 'B1', 5_000); // 50
  world.clock.set('2026-03-05T10:00:00+08:00');
  who.d = { actor: await joinMember(world, 'o_rpt_d'), id: '' };
  await buy(who.a.actor, 'A2', 20_000); // 200
  await buy(who.c.actor, 'C1', 120_000); // 1200 points, growth 1200 → silver
  await buy(who.a.actor, 'A3', 10_000); // 100
  await cashier.call('staff', 'recordRefund', { sessionId: await scan(cashier, who.c.actor), orderNo: 'C1', refundNo: 'C1-R1', amountFen: 60_000 }); // -600
  for (const name of ['a', 'b', 'c', 'd'] as const) who[name].id = (await memberDoc(`o_rpt_${name}`))._id;
  world.clock.set('2026-03-06T10:00:00+08:00');
  await world.console.call('campaign', 'create', {
    campaignId: 'spring',
    name: '春季回馈',
    description: '',
    audience: { all: [] },
    reward: { kind: 'points', points: 50 },
    budget: {},
    frequency: { kind: 'oncePerCampaign' },
    schedule: { startAt: '2026-03-01T00:00:00+08:00', endAt: '2026-03-31T23:59:59+08:00' },
    holdoutPercent: 50,
  });
  await approveCampaign(world, 'spring');
  await world.console.call('campaign', 'trigger', { campaignId: 'spring' });
  world.clock.set('2026-03-07T10:00:00+08:00');
  await buy(who.b.actor, 'B2', 3_000); // 30 (silver? no: b is bronze) → 30
  await buy(who.d.actor, 'D1', 3_000); // 30
  world.clock.set('2026-04-02T10:00:00+08:00');
  await buy(who.d.actor, 'D2', 3_000); // April: outside the range
});
afterAll(() => world.close());

test('the KPI report for March matches the hand-computed figures', async () => {
  const held = (['a', 'b', 'c', 'd'] as const).filter((n) => inHoldout('spring', who[n].id, 50));
  const granted = (['a', 'b', 'c', 'd'] as const).filter((n) => !held.includes(n));
  const report = await world.console.call('campaign', 'report', { from: '2026-03-01', to: '2026-03-31' });

  expect(report.members).toEqual({ total: 4, new: 1, active: 4 }); // a (A2, A3), c, b (B2), d (D1)
  expect(report.repurchaseRate).toBe(0.25); // only a bought twice in March
  expect(report.tiers.distribution).toEqual({ bronze: 3, silver: 1 });
  expect(report.tiers.movements).toEqual(
    expect.arrayContaining([
      { from: null, to: 'bronze', reason: 'join', count: 1 },
      { from: 'bronze', to: 'silver', reason: 'upgrade', count: 1 },
    ]),
  );
  expect(report.tiers.movements).toHaveLength(2);
  const campaignPoints = 50 * granted.length;
  expect(report.points).toEqual({
    issued: 200 + 1200 + 100 + 30 + 30 + campaignPoints,
    redeemed: 0,
    expired: 0,
    reversed: 600,
    outstandingLiability: 100 + 50 + 200 + 1200 + 100 - 600 + campaignPoints + 30 + 30,
  });

  // After the grant (06 March) only b and d bought.
  const converted = (names: readonly string[]) => names.filter((n) => n === 'b' || n === 'd').length;
  const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const spring = report.campaigns.find((c) => c.campaignId === 'spring') as CampaignKpi;
  expect(spring).toMatchObject({ reach: granted.length, holdout: held.length, redemptions: converted(granted), holdoutConverted: converted(held), pointsGranted: campaignPoints });
  // Member ids are random, so the 50% hash split can put all four members on one side.
  const expectedRate = rate(converted(granted), granted.length);
  if (expectedRate === null) expect(spring.conversionRate).toBeNull();
  else expect(spring.conversionRate).toBeCloseTo(expectedRate, 4);
  const expectedUplift = held.length > 0 && granted.length > 0 ? ((converted(granted) / granted.length - converted(held) / held.length) * 100) : null;
  if (expectedUplift === null) expect(spring.upliftPoints).toBeNull();
  else expect(spring.upliftPoints).toBeCloseTo(expectedUplift, 1);
  expect(report.growth).toEqual({ coupons: { issued: 0, issuedBySource: {}, redeemed: 0, redemptionRate: null }, groupBuy: { started: 0, succeeded: 0, failed: 0, open: 0, successRate: null }, referrals: { attributed: 0, converted: 0, conversionRate: null } });
});

test('a range before anything happened is all zeros, and a reversed range is refused', async () => {
  const empty = await world.console.call('campaign', 'report', { from: '2025-01-01', to: '2025-01-31' });
  // Members as of the range's end: nobody had joined by January 2025 (not today's 4).
  expect(empty).toMatchObject({ members: { total: 0, new: 0, active: 0 }, tiers: { distribution: {} }, repurchaseRate: null, points: { issued: 0, outstandingLiability: 0 }, campaigns: [] });
  expect((await world.console.raw('campaign', 'report', { from: '2026-03-31', to: '2026-03-01' })).ok).toBe(false);
});
