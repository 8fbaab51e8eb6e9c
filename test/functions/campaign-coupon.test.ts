import { expectCode, joinMember, openStore, scan, startWorld, type LoyaltyWorld, approveCampaign } from '../support/loyalty';

let world: LoyaltyWorld;
beforeAll(async () => {
  world = await startWorld('2026-09-01T10:00:00+08:00');
});
afterAll(() => world.close());

const window = { from: '2026-01-01T00:00:00+08:00', until: '2027-12-31T23:59:59+08:00' };
const campaign = (campaignId: string, templateId: string, extra: Record<string, unknown> = {}) => ({
  campaignId,
  name: '会员专享券',
  description: '全体会员一张满100减20',
  audience: { all: [] },
  reward: { kind: 'coupon', templateId },
  budget: { maxGrants: 2 },
  frequency: { kind: 'oncePerCampaign' },
  schedule: { startAt: window.from, endAt: window.until },
  holdoutPercent: 0,
  ...extra,
});

describe('campaign coupon rewards', () => {
  it('grants a coupon of the template once per member, inside the grant budget, without using claim stock', async () => {
    await world.console.call('coupon', 'upsertTemplate', { templateId: 'camp-100-20', title: '满100减20', benefit: { kind: 'cash_off', thresholdFen: 10_000, amountOffFen: 2_000 }, totalStock: 0, perMemberLimit: 1, claimWindow: window, validity: { kind: 'relative', days: 7 }, tiers: [], stackable: false, pointsPrice: 0, visibility: 'hidden', active: true });
    const shoppers = await Promise.all(['o_cc_1', 'o_cc_2', 'o_cc_3'].map((id) => joinMember(world, id)));
    await world.console.call('campaign', 'create', campaign('coupon_drop', 'camp-100-20') as never);
    await approveCampaign(world, 'coupon_drop');
    const run = await world.console.call('campaign', 'trigger', { campaignId: 'coupon_drop' });
    expect(run).toMatchObject({ granted: 2, partial: false });
    await world.console.call('campaign', 'trigger', { campaignId: 'coupon_drop' });
    const wallets = await Promise.all(shoppers.map((s) => s.call('coupon', 'wallet', {})));
    const held = wallets.map((w) => w.usable.filter((c) => c.templateId === 'camp-100-20'));
    expect(held.map((h) => h.length).sort()).toEqual([0, 1, 1]);
    for (const coupon of held.flat()) expect(coupon).toMatchObject({ source: 'campaign', title: '满100减20' });
    const view = await world.console.call('campaign', 'get', { campaignId: 'coupon_drop' });
    expect(view.spent).toEqual({ grants: 2, points: 0 });
  });

  it('refuses a coupon reward for a missing template, or with a points budget', async () => {
    await expectCode(world.console.call('campaign', 'create', campaign('coupon_missing', 'no-such-template') as never), 'CAMPAIGN_RULE_INVALID');
    await expectCode(world.console.call('campaign', 'create', campaign('coupon_points_budget', 'camp-100-20', { budget: { maxPoints: 100 } }) as never), 'CAMPAIGN_RULE_INVALID');
  });
});

describe('growth figures in the KPI report', () => {
  it('counts coupons issued and redeemed, group-buy success and referral conversion for the range', async () => {
    // Already in September: the 2 campaign coupons above. Add a claim that gets redeemed and a filled group.
    await world.console.call('coupon', 'upsertTemplate', { templateId: 'kpi-claim', title: '包邮券', benefit: { kind: 'free_shipping', thresholdFen: 0 }, totalStock: 10, perMemberLimit: 1, claimWindow: window, validity: { kind: 'relative', days: 7 }, tiers: [], stackable: true, pointsPrice: 0, visibility: 'public', active: true });
    const buyer = await joinMember(world, 'o_kpi_buyer');
    const { coupon } = await buyer.call('coupon', 'claim', { templateId: 'kpi-claim' });
    const cashier = await openStore(world);
    await cashier.call('staff', 'redeemCoupon', { sessionId: await scan(cashier, buyer), couponId: coupon.couponId, orderNo: 'KPI-1', amountFen: 5_000 });
    await world.console.call('groupbuy', 'upsertDeal', { dealId: 'kpi-deal', productLabel: '双人套餐', description: '2人成团', groupPriceFen: 990, originalPriceFen: 1990, groupSize: 2, fillHours: 24, window, groupStock: 5, entitlementTemplateId: 'camp-100-20', active: true });
    const leader = await joinMember(world, 'o_kpi_leader');
    const group = await leader.call('groupbuy', 'start', { dealId: 'kpi-deal' });
    const joined = await buyer.call('groupbuy', 'join', { groupId: group.groupId });
    // Both seats paid (the emulator's 云支付 sends the notifications): the group succeeds.
    for (const seat of [group, joined]) await world.emu.emulator.cloudPay.settle(seat.myPayment?.outTradeNo ?? '', 'succeed');

    const report = await world.console.call('campaign', 'report', { from: '2026-09-01', to: '2026-09-30' });
    expect(report.growth.coupons).toEqual({ issued: 5, issuedBySource: { campaign: 2, claim: 1, groupbuy: 2 }, redeemed: 1, redemptionRate: 0.2 });
    expect(report.growth.groupBuy).toEqual({ started: 1, succeeded: 1, failed: 0, open: 0, successRate: 1 });
    expect(report.growth.referrals).toEqual({ attributed: 0, converted: 0, conversionRate: null });
    const august = await world.console.call('campaign', 'report', { from: '2026-08-01', to: '2026-08-31' });
    expect(august.growth.coupons.issued).toBe(0);
  });
});
