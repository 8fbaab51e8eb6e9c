import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { AuditDoc } from '../../cloudfunctions/shared/data/documents';
import { count, find, findOne } from '../support/inspect';
import { CONCURRENCY_TIMEOUT_SECONDS, expectCode, joinMember, memberDoc, openStore, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

let world: LoyaltyWorld;
let cashier: Actor;
beforeAll(async () => {
  // Concurrency cases below: correctness must not hinge on machine speed (see the constant).
  world = await startWorld('2026-03-10T10:00:00+08:00', { functionTimeoutSeconds: CONCURRENCY_TIMEOUT_SECONDS });
  cashier = await openStore(world);
});
afterAll(() => world.close());

describe('scanning member codes', () => {
  it('returns a masked member summary and opens a session', async () => {
    const shopper = await joinMember(world, 'o_scan_ok');
    await shopper.call('member', 'updateProfile', { nickname: '王小二' });
    const { code } = await shopper.call('member', 'code', {});
    const result = await cashier.call('staff', 'scan', { code });
    expect(result.member).toMatchObject({ maskedName: '王**', tier: { code: 'bronze' }, points: { available: 0, pending: 0 } });
    expect(result.member.cardNoMasked).toMatch(/^8\d\*{6}\d{4}$/);
    expect(JSON.stringify(result)).not.toContain('王小二');
  });

  it('refuses replayed, expired, tampered and forged codes with distinct codes', async () => {
    const staff = await openStore(world, 'staff_scan_abuse');
    const shopper = await joinMember(world, 'o_scan_abuse');
    const { code } = await shopper.call('member', 'code', {});
    await staff.call('staff', 'scan', { code });
    await expectCode(staff.call('staff', 'scan', { code }), 'CODE_REPLAYED');
    const parts = (await shopper.call('member', 'code', {})).code.split('.');
    parts[1] = 'f'.repeat(32);
    await expectCode(staff.call('staff', 'scan', { code: parts.join('.') }), 'CODE_INVALID');
    await expectCode(staff.call('staff', 'scan', { code: 'https://example.com/not-a-code' }), 'CODE_MALFORMED');
    const stale = (await shopper.call('member', 'code', {})).code;
    world.clock.advance(61_000 + 5_000);
    await expectCode(staff.call('staff', 'scan', { code: stale }), 'CODE_EXPIRED');
  });

  it('rate-limits a staff member after repeated failures and flags it for an admin', async () => {
    const staff = await openStore(world, 'staff_brute');
    for (let i = 0; i < 5; i += 1) await expectCode(staff.call('staff', 'scan', { code: `LM1.${'0'.repeat(32)}.zz.AAAAAAAAAAA.${'A'.repeat(22)}` }), 'CODE_INVALID');
    const shopper = await joinMember(world, 'o_brute_victim');
    const { code } = await shopper.call('member', 'code', {});
    await expectCode(staff.call('staff', 'scan', { code }), 'RATE_LIMITED');
    const { flags } = await world.console.call('admin', 'listFlags', {});
    expect(flags.some((f) => f.kind === 'scan_abuse')).toBe(true);
    // Another staff member is not affected.
    await expect(cashier.call('staff', 'scan', { code })).resolves.toMatchObject({ member: { maskedName: expect.any(String) } });
  });

  it('refuses staff actions from openids that are not active staff', async () => {
    const shopper = await joinMember(world, 'o_not_staff');
    const { code } = await shopper.call('member', 'code', {});
    await expectCode(shopper.call('staff', 'scan', { code }), 'NOT_STAFF');
    await expectCode(shopper.call('staff', 'recordRefund', { sessionId: 'none', orderNo: 'X1', refundNo: 'R1', amountFen: 100 }), 'NOT_STAFF');
    await world.console.call('admin', 'upsertStaff', { openid: 'staff_gone', name: '离职', storeId: 'store_1', role: 'cashier', active: false });
    await expectCode(world.shopper('staff_gone').call('staff', 'me', {}), 'NOT_STAFF');
  });
});

describe('recording purchases', () => {
  it('earns pending points with the tier multiplier, adds growth and upgrades at once', async () => {
    const shopper = await joinMember(world, 'o_buyer');
    const session = await scan(cashier, shopper);
    const boughtAt = world.clock.now().getTime();
    const receipt = await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'BUY-1', amountFen: 120_050 });
    expect(receipt).toMatchObject({ pointsEarned: 1200, growthAdded: 1200, tierChange: { from: 'bronze', to: 'silver', toName: '白银' } });
    expect(new Date(receipt.pointsPendingUntil ?? '').getTime()).toBe(Math.floor((boughtAt + 7 * 24 * 3600_000) / 1000) * 1000);
    const second = await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'BUY-2', amountFen: 10_000 });
    expect(second.pointsEarned).toBe(120); // silver multiplier ×1.2
    const card = await shopper.call('member', 'card', {});
    expect(card).toMatchObject({ growth: 1300, tier: { code: 'silver' }, points: { available: 0, pending: 1320 }, nextTier: { code: 'gold', missing: 3700 } });
    expect(card.tierProtectedUntil?.slice(0, 10)).toBe('2027-03-10');
    world.clock.advance(7 * 24 * 3600_000);
    expect((await shopper.call('member', 'card', {})).points).toMatchObject({ available: 1320, pending: 0 });
  });

  it('takes the store from the staff record and refuses client-supplied member or store', async () => {
    const shopper = await joinMember(world, 'o_store_check');
    const session = await scan(cashier, shopper);
    await expectCode(cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'S-1', amountFen: 100, storeId: 'evil' } as never), 'INVALID_INPUT');
    await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'S-2', amountFen: 100 });
    const order = await findOne<{ storeId: string }>(COLLECTIONS.orders, { orderNo: 'S-2' });
    expect(order?.storeId).toBe('store_1');
  });

  it('refuses sessions of other staff or past their lifetime', async () => {
    const shopper = await joinMember(world, 'o_session');
    const other = await openStore(world, 'staff_other');
    const session = await scan(cashier, shopper);
    await expectCode(other.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'SS-1', amountFen: 100 }), 'SESSION_INVALID');
    world.clock.advance(11 * 60_000);
    await expectCode(cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'SS-2', amountFen: 100 }), 'SESSION_INVALID');
  });

  it('rejects bad amounts and order numbers and changes nothing', async () => {
    const shopper = await joinMember(world, 'o_bad_amounts');
    const session = await scan(cashier, shopper);
    const ledgerBefore = await count(COLLECTIONS.ledger, {});
    for (const amountFen of [0, -100, 1.5, 1e12, '100', null]) {
      await expectCode(cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'BAD-1', amountFen } as never), 'INVALID_INPUT');
    }
    for (const orderNo of ['', 'has space', 'x'.repeat(65), '订单1']) {
      await expectCode(cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo, amountFen: 100 }), 'INVALID_INPUT');
    }
    expect(await count(COLLECTIONS.ledger, {})).toBe(ledgerBefore);
    expect(await count(COLLECTIONS.orders, { orderNo: 'BAD-1' })).toBe(0);
  });

  it('credits an order once under 50 concurrent duplicate records, all answered with the same receipt', async () => {
    const shopper = await joinMember(world, 'o_dupes');
    const session = await scan(cashier, shopper);
    const receipts = await Promise.all(Array.from({ length: 50 }, () => cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'DUP-1', amountFen: 50_000 })));
    expect(new Set(receipts.map((r) => JSON.stringify(r))).size).toBe(1);
    const doc = await memberDoc('o_dupes');
    expect(doc.points.balance).toBe(500);
    expect(await count(COLLECTIONS.ledger, { orderNo: 'DUP-1' })).toBe(1);
    await expectCode(cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'DUP-1', amountFen: 40_000 }), 'ORDER_CONFLICT');
  });

  it('credits all of 50 concurrent different orders for one member', async () => {
    const shopper = await joinMember(world, 'o_many_orders');
    const session = await scan(cashier, shopper);
    const receipts = await Promise.all(Array.from({ length: 50 }, (_, i) => cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: `MANY-${i}`, amountFen: 1_000 })));
    const doc = await memberDoc('o_many_orders');
    expect(doc.stats.orders).toBe(50);
    expect(doc.points.balance).toBe(receipts.reduce((s, r) => s + r.pointsEarned, 0));
    expect(doc.points.balance).toBeGreaterThanOrEqual(500);
    expect(await count(COLLECTIONS.ledger, { memberId: doc._id, type: 'earn' })).toBe(50);
  }, CONCURRENCY_TIMEOUT_SECONDS * 1000);

  it('enforces the per-staff daily purchase limit and flags the refusal', async () => {
    await world.console.call('admin', 'upsertStaff', { openid: 'staff_limited', name: '限额', storeId: 'store_1', role: 'cashier', limits: { purchaseFenPerDay: 10_000 } });
    const limited = world.shopper('staff_limited');
    const shopper = await joinMember(world, 'o_limit');
    const session = await scan(limited, shopper);
    await limited.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'LIM-1', amountFen: 8_000 });
    await expectCode(limited.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'LIM-2', amountFen: 3_000 }), 'STAFF_LIMIT_EXCEEDED');
    expect(await count(COLLECTIONS.orders, { orderNo: 'LIM-2' })).toBe(0);
    const { flags } = await world.console.call('admin', 'listFlags', {});
    expect(flags.some((f) => f.kind === 'staff_limit' && f.detail.includes('LIM-2'))).toBe(true);
  });

  it('audits every staff action, refusals included', async () => {
    const staffId = (await cashier.call('staff', 'me', {})).staffId;
    const audits = await find<AuditDoc>(COLLECTIONS.audit, { 'actor.id': staffId }, { limit: 1000 });
    const actions = new Set(audits.map((a) => `${a.action}:${a.outcome}`));
    for (const expected of ['staff.scan:ok', 'staff.recordPurchase:ok', 'staff.recordPurchase:refused']) expect(actions.has(expected)).toBe(true);
    for (const audit of audits) expect(audit.storeId).toBe('store_1');
  });
});

describe('recording refunds', () => {
  it('cancels pending points of a refunded order, in proportion, and keeps the order refundable only once', async () => {
    const shopper = await joinMember(world, 'o_refund_pending');
    const session = await scan(cashier, shopper);
    await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'RF-1', amountFen: 30_000 });
    const part = await cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'RF-1', refundNo: 'R-1', amountFen: 10_000 });
    expect(part).toMatchObject({ pointsReversed: 100, debtAdded: 0, growthReversed: 100, orderRefundedFen: 10_000 });
    expect(await cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'RF-1', refundNo: 'R-1', amountFen: 10_000 })).toEqual(part);
    await expectCode(cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'RF-1', refundNo: 'R-1', amountFen: 5_000 }), 'REFUND_CONFLICT');
    await expectCode(cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'RF-1', refundNo: 'R-2', amountFen: 20_001 }), 'REFUND_EXCEEDS_ORDER');
    await cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'RF-1', refundNo: 'R-3', amountFen: 20_000 });
    const doc = await memberDoc('o_refund_pending');
    expect(doc.points).toMatchObject({ balance: 0, pending: 0, debt: 0 });
    expect(doc.growth).toBe(0);
    await expectCode(cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'NOPE', refundNo: 'R-1', amountFen: 1 }), 'ORDER_NOT_FOUND');
  });

  it('records spent points as debt and repays it from the next purchase', async () => {
    await world.console.call('admin', 'updateSettings', { settings: { pendingDays: 0 } });
    try {
      const shopper = await joinMember(world, 'o_refund_debt');
      const session = await scan(cashier, shopper);
      await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'DEBT-1', amountFen: 20_000 });
      const memberId = (await memberDoc('o_refund_debt'))._id;
      await world.console.call('admin', 'adjustPoints', { memberId, delta: -150, reason: '兑换礼品', key: 'debt-spend-1' });
      const refund = await cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'DEBT-1', refundNo: 'R-1', amountFen: 20_000 });
      expect(refund).toMatchObject({ pointsReversed: 200, debtAdded: 150 });
      expect((await shopper.call('member', 'card', {})).points).toMatchObject({ available: 0, debt: 150 });
      const next = await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'DEBT-2', amountFen: 50_000 });
      expect(next).toMatchObject({ pointsEarned: 500, debtRepaid: 150 });
      expect((await memberDoc('o_refund_debt')).points).toMatchObject({ balance: 350, debt: 0 });
    } finally {
      await world.console.call('admin', 'updateSettings', { settings: { pendingDays: 7 } });
    }
  });

  it('reports no false discrepancy when it runs during a burst of purchases', async () => {
    const buyers = await Promise.all(['o_live_1', 'o_live_2', 'o_live_3'].map((id) => joinMember(world, id)));
    const sessions = await Promise.all(buyers.map((b) => scan(cashier, b)));
    const burst = Promise.all(Array.from({ length: 30 }, (_, i) => cashier.call('staff', 'recordPurchase', { sessionId: sessions[i % 3], orderNo: `LIVE-${i}`, amountFen: 2_000 + i })));
    const reports = await Promise.all([0, 1, 2].map(() => world.console.call('admin', 'reconcile', { batchSize: 5 })));
    await burst;
    for (const report of reports) expect(report.discrepancies).toEqual([]);
    // Members that were mid-burst may be unverified during it; once it is over, all verify.
    expect(await world.console.call('admin', 'reconcile', {})).toMatchObject({ discrepancies: [], unverified: [] });
  });

  it('leaves every ledger invariant intact (reconciliation finds nothing)', async () => {
    const report = await world.console.call('admin', 'reconcile', {});
    expect(report.done).toBe(true);
    expect(report.scanned).toBeGreaterThan(10);
    expect(report.discrepancies).toEqual([]);
  });
});

describe('goodwill adjustments at the till', () => {
  it('lets managers adjust within their daily limit, once per key, and refuses cashiers', async () => {
    await world.console.call('admin', 'upsertStaff', { openid: 'staff_manager_1', name: '店长', storeId: 'store_1', role: 'manager', limits: { pointsAdjustedPerDay: 150 } });
    const manager = world.shopper('staff_manager_1');
    const shopper = await joinMember(world, 'o_goodwill');
    const session = await scan(manager, shopper);
    const first = await manager.call('staff', 'adjustPoints', { sessionId: session, points: 100, reason: '排队太久补偿', key: 'gw-1' });
    expect(first).toMatchObject({ delta: 100, balance: 100 });
    expect(await manager.call('staff', 'adjustPoints', { sessionId: session, points: 100, reason: '排队太久补偿', key: 'gw-1' })).toEqual(first);
    await expectCode(manager.call('staff', 'adjustPoints', { sessionId: session, points: 60, reason: '再补一点', key: 'gw-2' }), 'STAFF_LIMIT_EXCEEDED');
    expect((await memberDoc('o_goodwill')).points.balance).toBe(100);
    const cashierSession = await scan(cashier, shopper);
    await expectCode(cashier.call('staff', 'adjustPoints', { sessionId: cashierSession, points: 10, reason: '收银员', key: 'gw-3' }), 'FORBIDDEN');
    const entries = await find<{ actor: string; reason: string }>(COLLECTIONS.ledger, { memberId: (await memberDoc('o_goodwill'))._id, type: 'adjust' });
    expect(entries).toEqual([expect.objectContaining({ reason: '排队太久补偿', actor: expect.stringMatching(/^staff:/) })]);
  });
});
