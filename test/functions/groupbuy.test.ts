import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { GroupDealDoc, GroupDoc } from '../../cloudfunctions/shared/data/documents';
import { count, getById, patch } from '../support/inspect';
import type { GroupDealInput, JoinReceipt } from '../../typings/api/groupbuy';
import { CONCURRENCY_TIMEOUT_SECONDS, expectCode, joinMembers, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

let world: LoyaltyWorld;
beforeAll(async () => {
  world = await startWorld('2026-03-10T10:00:00+08:00', { functionTimeoutSeconds: CONCURRENCY_TIMEOUT_SECONDS });
  await world.console.call('coupon', 'upsertTemplate', {
    templateId: 'gb-voucher', title: '拼团兑换券', benefit: { kind: 'gift', thresholdFen: 0, giftLabel: '拼团商品' },
    totalStock: 0, perMemberLimit: 1, claimWindow: { from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' },
    validity: { kind: 'relative', days: 14 }, tiers: [], stackable: false, pointsPrice: 0, visibility: 'hidden', active: true,
  });
});
afterAll(() => world.close());

function deal(dealId: string, overrides: Partial<GroupDealInput> = {}): GroupDealInput {
  return {
    dealId, productLabel: '招牌奶茶双杯', groupPriceFen: 1_990, originalPriceFen: 3_600, groupSize: 3, fillHours: 24,
    window: { from: '2026-03-01T00:00:00+08:00', until: '2026-04-01T00:00:00+08:00' }, groupStock: 10, entitlementTemplateId: 'gb-voucher', active: true, ...overrides,
  };
}

/** The payer completes the WeChat Pay sheet; the emulator's 云支付 sends the payment notification. */
async function pay(seat: JoinReceipt): Promise<void> {
  expect(await world.emu.emulator.cloudPay.settle(seat.myPayment?.outTradeNo ?? '', 'succeed')).toMatchObject({ errcode: 0 });
}

/** Set-up, ten registrations at a time (README, "Concurrency tests hold on a busy machine"): the starts are the test's subject. */
function members(prefix: string, n: number): Promise<Actor[]> {
  return joinMembers(world, n, (i) => `${prefix}_${i}`);
}

describe('group-buy', () => {
  it('a group succeeds when the Nth member joins and every member gets the entitlement', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gb-ok'));
    const [leader, a, b, late] = await members('o_gb_ok', 4);
    const started = await leader.call('groupbuy', 'start', { dealId: 'gb-ok' });
    expect(started).toMatchObject({ status: 'open', size: 3, slotsLeft: 2, joinedByMe: true });
    expect(new Date(started.expiresAt).getTime() - new Date(started.createdAt).getTime()).toBe(24 * 3600_000);
    await a.call('member', 'updateProfile', { nickname: '李小龙' });
    const joinedA = await a.call('groupbuy', 'join', { groupId: started.groupId });
    const joinedB = await b.call('groupbuy', 'join', { groupId: started.groupId });
    // Every seat is a purchase (groupbuy-payments.test.ts): the group succeeds when the last one is paid.
    expect(joinedB).toMatchObject({ status: 'open', slotsLeft: 0 });
    for (const seat of [started, joinedA, joinedB]) await pay(seat);
    const done = await b.call('groupbuy', 'group', { groupId: started.groupId });
    expect(done).toMatchObject({ status: 'succeeded', slotsLeft: 0 });
    expect(done.members.map((m) => m.maskedName)).toContain('李**');
    for (const who of [leader, a, b]) {
      const wallet = await who.call('coupon', 'wallet', {});
      expect(wallet.usable.filter((c) => c.source === 'groupbuy')).toHaveLength(1);
    }
    const view = await leader.call('groupbuy', 'group', { groupId: started.groupId });
    expect(view.myCouponId).toEqual(expect.any(String));
    await expectCode(late.call('groupbuy', 'join', { groupId: started.groupId }), 'GROUP_FULL');
    expect((await leader.call('groupbuy', 'listDeals', {})).deals.find((d) => d.dealId === 'gb-ok')).toMatchObject({ myGroupId: started.groupId, groupsLeft: 9 });
  });

  it('refuses a second group per deal, a double join and the leader filling their own group', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gb-dup', { groupSize: 2 }));
    const [leader, a] = await members('o_gb_dup', 2);
    const { groupId } = await leader.call('groupbuy', 'start', { dealId: 'gb-dup' });
    await expectCode(leader.call('groupbuy', 'join', { groupId }), 'ALREADY_IN_GROUP');
    await expectCode(leader.call('groupbuy', 'start', { dealId: 'gb-dup' }), 'ALREADY_IN_GROUP');
    const other = await a.call('groupbuy', 'start', { dealId: 'gb-dup' });
    await expectCode(a.call('groupbuy', 'join', { groupId }), 'ALREADY_IN_GROUP');
    await expectCode(leader.call('groupbuy', 'join', { groupId: other.groupId }), 'ALREADY_IN_GROUP');
    await expectCode(a.call('groupbuy', 'join', { groupId: 'f'.repeat(32) }), 'GROUPBUY_NOT_FOUND');
    await expectCode(a.call('groupbuy', 'start', { dealId: 'no-such' }), 'GROUPBUY_NOT_FOUND');
    expect((await getById<GroupDoc>(COLLECTIONS.groups, groupId))?.members).toHaveLength(1);
  });

  it('N+5 concurrent joins for the last slot: exactly N members, the rest refused', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gb-race', { groupSize: 4 }));
    const [leader, a, b, ...crowd] = await members('o_gb_race', 3 + 9);
    const started = await leader.call('groupbuy', 'start', { dealId: 'gb-race' });
    const { groupId } = started;
    const seats = [started, await a.call('groupbuy', 'join', { groupId }), await b.call('groupbuy', 'join', { groupId })];
    const results = await Promise.allSettled(crowd.map((m) => m.call('groupbuy', 'join', { groupId })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'GROUP_FULL' });
    for (const r of results) if (r.status === 'fulfilled') seats.push(r.value);
    await Promise.all(seats.map(pay));
    const group = await getById<GroupDoc>(COLLECTIONS.groups, groupId);
    expect(group).toMatchObject({ status: 'succeeded' });
    expect(group?.members).toHaveLength(4);
    expect(await count(COLLECTIONS.memberCoupons, { sourceRef: groupId })).toBe(4);
    expect(await count(COLLECTIONS.groupMemberships, { groupId })).toBe(4);
  }, CONCURRENCY_TIMEOUT_SECONDS * 1000);

  it('60 concurrent starters for the last 5 groups of a deal: exactly 5 groups, the rest GROUPBUY_SOLD_OUT', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gb-hot', { groupStock: 5 }));
    const crowd = await members('o_gb_hot', 60);
    const results = await Promise.allSettled(crowd.map((m) => m.call('groupbuy', 'start', { dealId: 'gb-hot' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'GROUPBUY_SOLD_OUT' });
    expect((await getById<GroupDealDoc>(COLLECTIONS.groupDeals, 'gb-hot'))?.groupsHeld).toBe(5);
    expect(await count(COLLECTIONS.groups, { dealId: 'gb-hot', status: 'open' })).toBe(5);
    expect(await count(COLLECTIONS.groupMemberships, { dealId: 'gb-hot' })).toBe(5);
  }, CONCURRENCY_TIMEOUT_SECONDS * 1000);

  it('a second start by the same member gives its unit back; reconcileHeld repairs units a crash left taken', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gb-fix', { groupStock: 6 }));
    const [leader, other] = await members('o_gb_fix', 2);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => leader.call('groupbuy', 'start', { dealId: 'gb-fix' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ALREADY_IN_GROUP' });
    expect((await getById<GroupDealDoc>(COLLECTIONS.groupDeals, 'gb-fix'))?.groupsHeld).toBe(1);
    await other.call('groupbuy', 'start', { dealId: 'gb-fix' });
    // What a kill -9 between taking a group and creating it leaves behind.
    await patch(COLLECTIONS.groupDeals, 'gb-fix', { groupsHeld: 5, lastTakenAt: world.clock.now() });
    expect(await world.console.call('groupbuy', 'reconcileHeld', { dealId: 'gb-fix' })).toMatchObject({ held: 5, groups: 2, repaired: 5, settled: false });
    world.clock.advance(60_000);
    expect(await world.console.call('groupbuy', 'reconcileHeld', { dealId: 'gb-fix' })).toMatchObject({ held: 5, groups: 2, repaired: 2, settled: true });
    expect((await getById<GroupDealDoc>(COLLECTIONS.groupDeals, 'gb-fix'))?.groupsHeld).toBe(2);
    await expectCode(other.call('groupbuy', 'reconcileHeld', { dealId: 'gb-fix' }), 'FORBIDDEN');
  });

  it('the timer fails an unfilled group, releases every hold and returns the stock', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gb-late', { groupStock: 1, fillHours: 2 }));
    const [leader, a, b] = await members('o_gb_late', 3);
    const { groupId } = await leader.call('groupbuy', 'start', { dealId: 'gb-late' });
    await a.call('groupbuy', 'join', { groupId });
    await expectCode(b.call('groupbuy', 'start', { dealId: 'gb-late' }), 'GROUPBUY_SOLD_OUT');
    world.clock.advance(2 * 3600_000);
    await expectCode(b.call('groupbuy', 'join', { groupId }), 'GROUP_CLOSED');
    const report = (await world.emu.asTimer('groupbuy', 'expireGroups')) as { ok: boolean; data: { changed: number } };
    expect(report).toMatchObject({ ok: true, data: { changed: 1 } });
    expect(await getById<GroupDoc>(COLLECTIONS.groups, groupId)).toMatchObject({ status: 'failed' });
    expect((await getById<GroupDealDoc>(COLLECTIONS.groupDeals, 'gb-late'))?.groupsHeld).toBe(0);
    expect(await count(COLLECTIONS.memberCoupons, { sourceRef: groupId })).toBe(0);
    expect(await count(COLLECTIONS.groupMemberships, { groupId })).toBe(0);
    // Holds released: the former leader may start again, and the stock is back.
    await expect(leader.call('groupbuy', 'start', { dealId: 'gb-late' })).resolves.toMatchObject({ status: 'open' });
    const again = (await world.emu.asTimer('groupbuy', 'expireGroups')) as { data: { changed: number } };
    expect(again.data.changed).toBe(0);
  });

  it('refuses closed deals, shoppers defining deals and bad input', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gb-closed', { active: false }));
    const [m] = await members('o_gb_closed', 1);
    await expectCode(m.call('groupbuy', 'start', { dealId: 'gb-closed' }), 'GROUPBUY_CLOSED');
    await expectCode(m.call('groupbuy', 'upsertDeal', deal('gb-mine')), 'FORBIDDEN');
    await expectCode(world.console.call('groupbuy', 'upsertDeal', deal('gb-bad', { groupPriceFen: 5_000 })), 'CONFIG_INVALID');
    await expectCode(world.console.call('groupbuy', 'upsertDeal', deal('gb-bad', { entitlementTemplateId: 'nothing' })), 'COUPON_NOT_FOUND');
    const raw = await m.raw('groupbuy', 'join', { groupId: '../etc' });
    expect(raw).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await getById(COLLECTIONS.groupDeals, 'gb-bad')).toBeNull();
  });
});
