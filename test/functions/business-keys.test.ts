import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { LedgerDoc } from '../../cloudfunctions/shared/data/documents';
import { count, find, insert } from '../support/inspect';
import { inTransaction } from '../../cloudfunctions/shared/data/transaction';
import { AppError } from '../../cloudfunctions/shared/platform/app-error';
import { expectCode, joinMember, memberDoc, openStore, scan, startWorld, upsertCouponTemplate, type Actor, type LoyaltyWorld } from '../support/loyalty';

/**
 * Issue 10, "Keys that collide": business keys become document ids and map keys; distinct events
 * must never share an id, client keys must never meet an object's built-ins, and a duplicate id
 * is a replay or a KEY_CONFLICT at once, never a retry loop into the function timeout.
 */
let world: LoyaltyWorld;
let cashier: Actor;
beforeAll(async () => {
  world = await startWorld('2026-07-01T10:00:00+08:00');
  cashier = await openStore(world);
  await upsertCouponTemplate(world, 'keys-free', { totalStock: 100, perMemberLimit: 5, visibility: 'public' });
});
afterAll(() => world.close());

describe('coupon request keys are not looked up on an object prototype', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('claims with request key %p after another keyed claim, and a retry answers that coupon', async (requestKey) => {
    const shopper = await joinMember(world, `o_keys_${requestKey.replace(/_/g, 'u')}`);
    const earlier = await shopper.call('coupon', 'claim', { templateId: 'keys-free', requestKey: 'tap-1' });
    const first = await shopper.call('coupon', 'claim', { templateId: 'keys-free', requestKey });
    expect(first.coupon).toMatchObject({ templateId: 'keys-free', status: 'usable' });
    expect(first.coupon.couponId).not.toBe(earlier.coupon.couponId);
    const retry = await shopper.call('coupon', 'claim', { templateId: 'keys-free', requestKey });
    expect(retry.coupon.couponId).toBe(first.coupon.couponId);
    expect((await shopper.call('coupon', 'claim', { templateId: 'keys-free', requestKey: 'tap-1' })).coupon.couponId).toBe(earlier.coupon.couponId);
    expect((await shopper.call('coupon', 'wallet', {})).usable).toHaveLength(2);
  });
});

describe('ledger ids from typed tuples', () => {
  it('records refund R of order X_1 and refund 1_R of order X as two refunds', async () => {
    const shopper = await joinMember(world, 'o_keys_refunds');
    const session = await scan(cashier, shopper);
    await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'X_1', amountFen: 10_000 });
    await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'X', amountFen: 10_000 });
    const a = await cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'X_1', refundNo: 'R', amountFen: 5_000 });
    const b = await cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'X', refundNo: '1_R', amountFen: 5_000 });
    expect([a.pointsReversed, b.pointsReversed]).toEqual([50, 50]);
    const member = await memberDoc('o_keys_refunds');
    expect(member.points).toMatchObject({ balance: 100, debt: 0 });
    expect(await count(COLLECTIONS.ledger, { memberId: member._id, type: 'refund_reversal' })).toBe(2);
  });

  it('erases an account whose member has an admin adjustment keyed delete_<memberId>', async () => {
    const shopper = await joinMember(world, 'o_keys_erase');
    const { memberId } = await shopper.call('member', 'card', {});
    await world.console.call('admin', 'adjustPoints', { memberId, delta: 30, reason: '补偿', key: `delete_${memberId}` });
    expect(await shopper.call('member', 'deleteAccount', { confirm: 'DELETE' })).toEqual({ deleted: true });
    const entries = await find<LedgerDoc>(COLLECTIONS.ledger, { memberId });
    expect(entries.map((e) => `${e.type}:${e.delta}:${e.reason}`).sort()).toEqual(['adjust:-30:account_deleted', 'adjust:30:补偿']);
  });

  it('grants the birthday gift to a member with an admin adjustment keyed like the gift', async () => {
    const shopper = await joinMember(world, 'o_keys_bday');
    await shopper.call('member', 'updateProfile', { birthday: '07-20' });
    await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, shopper), orderNo: 'KEYS-BDAY', amountFen: 200_000 }); // 白银: a gift of 100
    const { memberId } = await shopper.call('member', 'card', {});
    for (const key of [`birthday_${memberId}_2026`, `adjust_birthday_${memberId}_2026`]) {
      await world.console.call('admin', 'adjustPoints', { memberId, delta: 1, reason: '键名测试', key });
    }
    await world.emu.asConsole('jobs', { action: 'birthdayGifts' });
    const gifts = await find<LedgerDoc>(COLLECTIONS.ledger, { memberId, reason: 'birthday_gift' });
    expect(gifts).toEqual([expect.objectContaining({ delta: 100 })]);
  });

  it('keeps a manager goodwill key apart from an admin key of the same text', async () => {
    await world.console.call('admin', 'upsertStaff', { openid: 'staff_keys_mgr', name: '店长', storeId: 'store_1', role: 'manager', limits: { pointsAdjustedPerDay: 1_000 } });
    const manager = world.shopper('staff_keys_mgr');
    const shopper = await joinMember(world, 'o_keys_goodwill');
    const { memberId } = await shopper.call('member', 'card', {});
    const { staffId } = await manager.call('staff', 'me', {});
    await world.console.call('admin', 'adjustPoints', { memberId, delta: 7, reason: '后台', key: `till_${staffId}_gw` });
    const till = await manager.call('staff', 'adjustPoints', { sessionId: await scan(manager, shopper), points: 5, reason: '门店', key: 'gw' });
    expect(till).toMatchObject({ delta: 5, balance: 12 });
  });

  it('answers a reused admin key for another member or amount with KEY_CONFLICT, a retry with the first result', async () => {
    const a = await joinMember(world, 'o_keys_reuse_a');
    const b = await joinMember(world, 'o_keys_reuse_b');
    const idA = (await a.call('member', 'card', {})).memberId;
    const idB = (await b.call('member', 'card', {})).memberId;
    const first = await world.console.call('admin', 'adjustPoints', { memberId: idA, delta: 10, reason: '补偿', key: 'reuse-1' });
    expect(await world.console.call('admin', 'adjustPoints', { memberId: idA, delta: 10, reason: '补偿', key: 'reuse-1' })).toEqual(first);
    await expectCode(world.console.call('admin', 'adjustPoints', { memberId: idB, delta: 10, reason: '补偿', key: 'reuse-1' }), 'KEY_CONFLICT');
    await expectCode(world.console.call('admin', 'adjustPoints', { memberId: idA, delta: 20, reason: '补偿', key: 'reuse-1' }), 'KEY_CONFLICT');
    expect((await memberDoc('o_keys_reuse_b')).points.balance).toBe(0);
    expect((await memberDoc('o_keys_reuse_a')).points.balance).toBe(10);
  });
});

describe('a duplicate id inside a transaction', () => {
  it('is a KEY_CONFLICT after a bounded number of re-runs, not a retry loop', async () => {
    await insert(COLLECTIONS.jobState, { _id: 'keys-taken', runId: 'x', cursor: '', startedAt: new Date(), finishedAt: null, scanned: 0, discrepancies: 0 });
    let runs = 0;
    const attempt = inTransaction(async (tx) => {
      runs += 1;
      await tx.create(COLLECTIONS.jobState, { _id: 'keys-taken', runId: 'y', cursor: '', startedAt: new Date(), finishedAt: null, scanned: 0, discrepancies: 0 });
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'KEY_CONFLICT' });
    expect(runs).toBe(3);
  });
});

describe('afterwards', () => {
  it('leaves every ledger invariant intact', async () => {
    expect(await world.console.call('admin', 'reconcile', {})).toMatchObject({ discrepancies: [] });
  });
});
