import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { AuditDoc, FlagDoc, OrderDoc, ScanFailureDoc } from '../../cloudfunctions/shared/data/documents';
import { find, getById } from '../support/inspect';
import { SCAN_FAILURE_LIMIT } from '../../cloudfunctions/shared/domain/settings/defaults';
import { expectCode, joinMember, memberDoc, openStore, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';
import { saleKeys, STORE_CHANNEL } from '../../cloudfunctions/shared/domain/orders/keys';

/** Issue 10, "Staff and referral abuse": refunds scoped like purchases, no self-service, an atomic scan failure limit. */
let world: LoyaltyWorld;
let cashierA: Actor;
let cashierB: Actor;
let managerB: Actor;
beforeAll(async () => {
  world = await startWorld('2026-06-01T10:00:00+08:00');
  cashierA = await openStore(world, 'staff_abuse_a', 'store_a');
  cashierB = await openStore(world, 'staff_abuse_b', 'store_b');
  managerB = await openStore(world, 'staff_abuse_mgr_b', 'store_b', 'manager');
});
afterAll(() => world.close());

async function staffId(staff: Actor): Promise<string> {
  return (await staff.call('staff', 'me', {})).staffId;
}

describe('refunds', () => {
  it('need an open till session of the order\'s member', async () => {
    const shopper = await joinMember(world, 'o_abuse_session');
    const other = await joinMember(world, 'o_abuse_session_other');
    await cashierA.call('staff', 'recordPurchase', { sessionId: await scan(cashierA, shopper), orderNo: 'AB-S1', amountFen: 10_000 });
    await expectCode(cashierA.call('staff', 'recordRefund', { sessionId: 'ffffffffffffffffffffffffffffffff', orderNo: 'AB-S1', refundNo: 'R1', amountFen: 100 }), 'SESSION_INVALID');
    await expectCode(cashierA.raw('staff', 'recordRefund', { orderNo: 'AB-S1', refundNo: 'R1', amountFen: 100 }).then((r) => (r.ok ? r : Promise.reject(r))), 'INVALID_INPUT');
    // Another member's session learns nothing about this order.
    await expectCode(cashierA.call('staff', 'recordRefund', { sessionId: await scan(cashierA, other), orderNo: 'AB-S1', refundNo: 'R1', amountFen: 100 }), 'ORDER_NOT_FOUND');
    expect((await getById<OrderDoc>(COLLECTIONS.orders, saleKeys(STORE_CHANNEL, 'AB-S1').orderId))?.refundedFen).toBe(0);
  });

  it('are limited to the cashier\'s own store; a manager may refund another store\'s order, audited with both stores', async () => {
    const shopper = await joinMember(world, 'o_abuse_store');
    await cashierA.call('staff', 'recordPurchase', { sessionId: await scan(cashierA, shopper), orderNo: 'AB-1', amountFen: 20_000 });
    await expectCode(cashierB.call('staff', 'recordRefund', { sessionId: await scan(cashierB, shopper), orderNo: 'AB-1', refundNo: 'R1', amountFen: 20_000 }), 'ORDER_OTHER_STORE');
    expect((await memberDoc('o_abuse_store')).points.balance).toBe(200);
    const receipt = await managerB.call('staff', 'recordRefund', { sessionId: await scan(managerB, shopper), orderNo: 'AB-1', refundNo: 'R1', amountFen: 5_000 });
    expect(receipt).toMatchObject({ pointsReversed: 50 });
    await cashierA.call('staff', 'recordRefund', { sessionId: await scan(cashierA, shopper), orderNo: 'AB-1', refundNo: 'R2', amountFen: 5_000 });
    const audits = await find<AuditDoc>(COLLECTIONS.audit, { action: 'staff.recordRefund', memberId: (await memberDoc('o_abuse_store'))._id }, { limit: 10 });
    expect(audits.map((a) => `${a.outcome}:${a.storeId}:${String(a.detail.orderStoreId)}:${String(a.detail.code ?? '')}`).sort()).toEqual([
      'ok:store_a:store_a:',
      'ok:store_b:store_a:',
      'refused:store_b:store_a:ORDER_OTHER_STORE',
    ]);
    const order = await getById<OrderDoc>(COLLECTIONS.orders, saleKeys(STORE_CHANNEL, 'AB-1').orderId);
    expect(order?.refunds.map((r) => r.storeId)).toEqual(['store_b', 'store_a']);
  });

  it('count against the staff member\'s daily refund limit, flagged when refused', async () => {
    await world.console.call('admin', 'upsertStaff', { openid: 'staff_abuse_limited', name: '限额', storeId: 'store_a', role: 'cashier', limits: { refundFenPerDay: 10_000 } });
    const limited = world.shopper('staff_abuse_limited');
    const shopper = await joinMember(world, 'o_abuse_limit');
    const session = await scan(limited, shopper);
    await limited.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'AB-L1', amountFen: 30_000 });
    await limited.call('staff', 'recordRefund', { sessionId: session, orderNo: 'AB-L1', refundNo: 'R1', amountFen: 8_000 });
    // A retry of a recorded refund is a replay and uses no limit.
    await limited.call('staff', 'recordRefund', { sessionId: session, orderNo: 'AB-L1', refundNo: 'R1', amountFen: 8_000 });
    await expectCode(limited.call('staff', 'recordRefund', { sessionId: session, orderNo: 'AB-L1', refundNo: 'R2', amountFen: 3_000 }), 'STAFF_LIMIT_EXCEEDED');
    expect((await getById<OrderDoc>(COLLECTIONS.orders, saleKeys(STORE_CHANNEL, 'AB-L1').orderId))?.refundedFen).toBe(8_000);
    const flags = await find<FlagDoc>(COLLECTIONS.flags, { kind: 'staff_limit', staffId: await staffId(limited) });
    expect(flags.some((f) => f.detail.includes('R2'))).toBe(true);
    world.clock.advance(24 * 3600_000);
    await limited.call('staff', 'recordRefund', { sessionId: await scan(limited, shopper), orderNo: 'AB-L1', refundNo: 'R2', amountFen: 3_000 });
  });

  it('are refused on an erased account', async () => {
    const shopper = await joinMember(world, 'o_abuse_erased');
    const session = await scan(cashierA, shopper);
    await cashierA.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'AB-E1', amountFen: 10_000 });
    const memberId = (await memberDoc('o_abuse_erased'))._id;
    await shopper.call('member', 'deleteAccount', { confirm: 'DELETE' });
    await expectCode(cashierA.call('staff', 'recordRefund', { sessionId: session, orderNo: 'AB-E1', refundNo: 'R1', amountFen: 10_000 }), 'MEMBER_DELETED');
    expect((await getById<OrderDoc>(COLLECTIONS.orders, saleKeys(STORE_CHANNEL, 'AB-E1').orderId))?.refundedFen).toBe(0);
    expect((await find<{ memberId: string }>(COLLECTIONS.ledger, { memberId, type: 'refund_reversal' }))).toHaveLength(0);
  });
});

describe('staff serving their own membership', () => {
  it('is refused at the scan, audited and flagged', async () => {
    const self = await joinMember(world, 'staff_abuse_a'); // the cashier of store A is also a member
    await expectCode(scan(cashierA, self), 'STAFF_OWN_MEMBERSHIP');
    const id = await staffId(cashierA);
    const flags = await find<FlagDoc>(COLLECTIONS.flags, { kind: 'self_service', staffId: id });
    expect(flags).toHaveLength(1);
    const audits = await find<AuditDoc>(COLLECTIONS.audit, { action: 'staff.scan', outcome: 'refused', 'actor.id': id });
    expect(audits.map((a) => a.detail.code)).toContain('STAFF_OWN_MEMBERSHIP');
    // Another cashier may serve them as a shopper.
    await expect(scan(cashierB, self)).resolves.toEqual(expect.any(String));
  });
});

describe('the scan failure limit', () => {
  it('holds under 40 concurrent forged scans: exactly the limit are checked, the rest refused', async () => {
    const staff = await openStore(world, 'staff_abuse_brute', 'store_a');
    const forged = `LM1.${'0'.repeat(32)}.zz.AAAAAAAAAAA.${'A'.repeat(22)}`;
    const answers = await Promise.all(Array.from({ length: 40 }, () => staff.raw('staff', 'scan', { code: forged })));
    const codes = answers.map((a) => (a.ok ? 'ok' : a.code));
    expect(codes.filter((c) => c === 'CODE_INVALID')).toHaveLength(SCAN_FAILURE_LIMIT);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(40 - SCAN_FAILURE_LIMIT);
    const id = await staffId(staff);
    expect(await find<FlagDoc>(COLLECTIONS.flags, { kind: 'scan_abuse', staffId: id })).toHaveLength(1);
    const windows = await find<ScanFailureDoc>(COLLECTIONS.scanFailures, { staffId: id });
    expect(windows.map((w) => w.count)).toEqual([SCAN_FAILURE_LIMIT]);
  });

  it('gives a successful scan\'s attempt back', async () => {
    const staff = await openStore(world, 'staff_abuse_ok', 'store_a');
    const shopper = await joinMember(world, 'o_abuse_many_scans');
    for (let i = 0; i < SCAN_FAILURE_LIMIT + 3; i += 1) await scan(staff, shopper);
    const windows = await find<ScanFailureDoc>(COLLECTIONS.scanFailures, { staffId: await staffId(staff) });
    expect(windows.map((w) => w.count)).toEqual([0]);
  });
});
