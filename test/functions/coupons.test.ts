import { ledgerIds } from '../../cloudfunctions/shared/domain/points/account';
import fc from 'fast-check';
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { AuditDoc, CouponTemplateDoc, LedgerDoc, MemberCouponDoc } from '../../cloudfunctions/shared/data/documents';
import { count, find, getById, patch } from '../support/inspect';
import type { CouponTemplateInput } from '../../typings/api/coupon';
import { CONCURRENCY_TIMEOUT_SECONDS, expectCode, joinMember, joinMembers, openStore, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

let world: LoyaltyWorld;
let cashier: Actor;
beforeAll(async () => {
  // Concurrency cases below: correctness must not hinge on machine speed (see the constant).
  world = await startWorld('2026-03-10T10:00:00+08:00', { functionTimeoutSeconds: CONCURRENCY_TIMEOUT_SECONDS });
  cashier = await openStore(world);
});
afterAll(() => world.close());

function template(templateId: string, overrides: Partial<CouponTemplateInput> = {}): CouponTemplateInput {
  return {
    templateId,
    title: '满100减20',
    benefit: { kind: 'cash_off', thresholdFen: 10_000, amountOffFen: 2_000 },
    totalStock: 100,
    perMemberLimit: 1,
    claimWindow: { from: '2026-03-01T00:00:00+08:00', until: '2026-04-01T00:00:00+08:00' },
    validity: { kind: 'relative', days: 7 },
    tiers: [],
    stackable: false,
    pointsPrice: 0,
    visibility: 'public',
    active: true,
    ...overrides,
  };
}

async function define(input: CouponTemplateInput): Promise<void> {
  await world.console.call('coupon', 'upsertTemplate', input);
}

async function memberId(actor: Actor): Promise<string> {
  return (await actor.call('member', 'card', {})).memberId;
}

describe('templates and the claim centre', () => {
  it('lists templates with the reason each one cannot be claimed', async () => {
    await define(template('cl-open'));
    await define(template('cl-later', { claimWindow: { from: '2026-03-20T00:00:00+08:00', until: '2026-04-01T00:00:00+08:00' } }));
    await define(template('cl-over', { claimWindow: { from: '2026-02-01T00:00:00+08:00', until: '2026-03-01T00:00:00+08:00' } }));
    await define(template('cl-empty', { totalStock: 0 }));
    await define(template('cl-gold', { tiers: ['gold', 'jade', 'platinum'] }));
    await define(template('cl-pricey', { pointsPrice: 500 }));
    await define(template('cl-hidden', { visibility: 'hidden' }));
    const shopper = await joinMember(world, 'o_cl_list');
    await shopper.call('coupon', 'claim', { templateId: 'cl-open' });
    const { templates } = await shopper.call('coupon', 'listTemplates', {});
    const reason = (id: string) => templates.find((t) => t.templateId === id)?.reason;
    expect(reason('cl-open')).toBe('LIMIT_REACHED');
    expect(reason('cl-later')).toBe('NOT_STARTED');
    expect(reason('cl-over')).toBe('WINDOW_CLOSED');
    expect(reason('cl-empty')).toBe('OUT_OF_STOCK');
    expect(reason('cl-gold')).toBe('TIER_TOO_LOW');
    expect(reason('cl-pricey')).toBe('INSUFFICIENT_POINTS');
    expect(templates.some((t) => t.templateId === 'cl-hidden')).toBe(false);
    expect(templates.find((t) => t.templateId === 'cl-open')).toMatchObject({ claimable: false, claimedByMe: 1, remainingStock: 99 });
  });

  it('refuses claims with the matching error code and changes nothing', async () => {
    const shopper = await joinMember(world, 'o_cl_refuse');
    await expectCode(shopper.call('coupon', 'claim', { templateId: 'cl-later' }), 'COUPON_NOT_CLAIMABLE');
    await expectCode(shopper.call('coupon', 'claim', { templateId: 'cl-over' }), 'COUPON_NOT_CLAIMABLE');
    await expectCode(shopper.call('coupon', 'claim', { templateId: 'cl-empty' }), 'COUPON_OUT_OF_STOCK');
    await expectCode(shopper.call('coupon', 'claim', { templateId: 'cl-gold' }), 'COUPON_TIER_TOO_LOW');
    await expectCode(shopper.call('coupon', 'claim', { templateId: 'cl-pricey' }), 'INSUFFICIENT_POINTS');
    await expectCode(shopper.call('coupon', 'claim', { templateId: 'cl-hidden' }), 'COUPON_NOT_CLAIMABLE');
    await expectCode(shopper.call('coupon', 'claim', { templateId: 'nope' }), 'COUPON_NOT_FOUND');
    await expectCode(shopper.raw('coupon', 'claim', { templateId: 'BAD ID' }).then((r) => (r.ok ? r : Promise.reject(r))), 'INVALID_INPUT');
    await expectCode(shopper.raw('coupon', 'claim', { templateId: 'cl-open', memberId: 'x' }).then((r) => (r.ok ? r : Promise.reject(r))), 'INVALID_INPUT');
    expect(await count(COLLECTIONS.memberCoupons, { memberId: await memberId(shopper) })).toBe(0);
  });

  it('refuses admin actions from shoppers and invalid definitions', async () => {
    const shopper = await joinMember(world, 'o_cl_admin');
    await expectCode(shopper.call('coupon', 'upsertTemplate', template('cl-sneaky')), 'FORBIDDEN');
    await expectCode(world.console.call('coupon', 'upsertTemplate', template('cl-bad', { claimWindow: { from: '2026-04-01T00:00:00+08:00', until: '2026-03-01T00:00:00+08:00' } })), 'CONFIG_INVALID');
    await expectCode(world.console.call('coupon', 'upsertTemplate', template('cl-bad', { tiers: ['emperor'] })), 'CONFIG_INVALID');
    await expectCode(world.console.call('coupon', 'upsertTemplate', template('cl-open', { totalStock: 0 })), 'CONFIG_INVALID');
    expect(await getById(COLLECTIONS.couponTemplates, 'cl-bad')).toBeNull();
    const audit = await find<AuditDoc>(COLLECTIONS.audit, { action: 'coupon.upsertTemplate' }, { limit: 100 });
    expect(audit.length).toBeGreaterThanOrEqual(7);
  });

  it('exchanges points for a coupon with a redeem ledger entry in the same transaction', async () => {
    const shopper = await joinMember(world, 'o_cl_points');
    const id = await memberId(shopper);
    await world.console.call('admin', 'adjustPoints', { memberId: id, delta: 800, reason: '测试积分', key: 'cl-points-1' });
    const { coupon, pointsSpent } = await shopper.call('coupon', 'claim', { templateId: 'cl-pricey' });
    expect(pointsSpent).toBe(500);
    expect(coupon).toMatchObject({ source: 'points', status: 'usable' });
    const entry = await getById<LedgerDoc>(COLLECTIONS.ledger, ledgerIds.redeem(coupon.couponId));
    expect(entry).toMatchObject({ type: 'redeem', delta: -500, balanceAfter: 300 });
    expect((await shopper.call('member', 'card', {})).points.available).toBe(300);
    await expectCode(shopper.call('coupon', 'claim', { templateId: 'cl-pricey' }), 'COUPON_LIMIT_REACHED');
  });
});

describe('the wallet', () => {
  it('groups usable (expiring soonest first), used and expired coupons', async () => {
    await define(template('wl-short', { title: '三天券', validity: { kind: 'relative', days: 1 } }));
    await define(template('wl-long', { title: '长期券', validity: { kind: 'fixed', from: '2026-03-01T00:00:00+08:00', until: '2026-12-31T23:59:59+08:00' } }));
    await define(template('wl-gone', { title: '短券', validity: { kind: 'relative', days: 1 } }));
    const shopper = await joinMember(world, 'o_wl');
    await shopper.call('coupon', 'claim', { templateId: 'wl-gone' });
    world.clock.advance(2 * 24 * 3600_000);
    await shopper.call('coupon', 'claim', { templateId: 'wl-long' });
    await shopper.call('coupon', 'claim', { templateId: 'wl-short' });
    const wallet = await shopper.call('coupon', 'wallet', {});
    expect(wallet.usable.map((c) => c.templateId)).toEqual(['wl-short', 'wl-long']);
    expect(wallet.usable[0]).toMatchObject({ expiringSoon: true });
    expect(wallet.usable[0].expiresAt).toBe('2026-03-12T23:59:59+08:00');
    expect(wallet.usable[1]).toMatchObject({ expiringSoon: false });
    expect(wallet.expired.map((c) => c.templateId)).toEqual(['wl-gone']);
    expect(wallet.used).toEqual([]);
  });
});

describe('redemption at the till', () => {
  it('computes the discount on the server and redeems at most once', async () => {
    await define(template('rd-pct', { title: '85折', benefit: { kind: 'percent_off', thresholdFen: 0, discountPermille: 150, capFen: 3_000 }, stackable: true }));
    await define(template('rd-cash', { stackable: true }));
    await define(template('rd-solo', { title: '独享券' }));
    await define(template('rd-gift', { title: '赠品', benefit: { kind: 'gift', thresholdFen: 5_000, giftLabel: '帆布袋' } }));
    const shopper = await joinMember(world, 'o_rd');
    const pct = (await shopper.call('coupon', 'claim', { templateId: 'rd-pct' })).coupon.couponId;
    const cash = (await shopper.call('coupon', 'claim', { templateId: 'rd-cash' })).coupon.couponId;
    const solo = (await shopper.call('coupon', 'claim', { templateId: 'rd-solo' })).coupon.couponId;
    const gift = (await shopper.call('coupon', 'claim', { templateId: 'rd-gift' })).coupon.couponId;
    const sessionId = await scan(cashier, shopper);

    const listed = await cashier.call('staff', 'memberCoupons', { sessionId, amountFen: 8_000 });
    expect(listed.coupons.find((c) => c.couponId === cash)).toMatchObject({ applicable: false, refusal: 'COUPON_THRESHOLD_NOT_MET' });
    expect(listed.coupons.find((c) => c.couponId === pct)).toMatchObject({ applicable: true, discountFen: 1_200 });

    await expectCode(cashier.call('staff', 'redeemCoupon', { sessionId, couponId: cash, orderNo: 'RD-1', amountFen: 9_999 }), 'COUPON_THRESHOLD_NOT_MET');
    const first = await cashier.call('staff', 'redeemCoupon', { sessionId, couponId: cash, orderNo: 'RD-1', amountFen: 30_000 });
    expect(first).toMatchObject({ discountFen: 2_000, payableFen: 28_000 });
    // Percent off the remaining 280.00, capped at 30.00.
    const second = await cashier.call('staff', 'redeemCoupon', { sessionId, couponId: pct, orderNo: 'RD-1', amountFen: 30_000 });
    expect(second).toMatchObject({ discountFen: 3_000, orderDiscountFen: 5_000, payableFen: 25_000 });
    await expectCode(cashier.call('staff', 'redeemCoupon', { sessionId, couponId: solo, orderNo: 'RD-1', amountFen: 30_000 }), 'COUPON_NOT_STACKABLE');
    // A retry of the same redemption returns the first receipt; another order cannot use it again.
    await expect(cashier.call('staff', 'redeemCoupon', { sessionId, couponId: cash, orderNo: 'RD-1', amountFen: 30_000 })).resolves.toEqual(first);
    await expectCode(cashier.call('staff', 'redeemCoupon', { sessionId, couponId: cash, orderNo: 'RD-2', amountFen: 30_000 }), 'COUPON_NOT_USABLE');
    const giftReceipt = await cashier.call('staff', 'redeemCoupon', { sessionId, couponId: gift, orderNo: 'RD-3', amountFen: 5_000 });
    expect(giftReceipt).toMatchObject({ discountFen: 0, giftLabel: '帆布袋', payableFen: 5_000 });

    const wallet = await shopper.call('coupon', 'wallet', {});
    expect(wallet.used.map((c) => c.couponId).sort()).toEqual([cash, gift, pct].sort());
    const audit = await find<AuditDoc>(COLLECTIONS.audit, { action: 'staff.redeemCoupon' }, { limit: 100 });
    expect(audit.filter((a) => a.outcome === 'ok')).toHaveLength(3);
    expect(audit.filter((a) => a.outcome === 'refused').length).toBeGreaterThanOrEqual(3);
  });

  it('redeems one coupon once when two tills race, and refuses another member\'s coupon', async () => {
    await define(template('rd-race', { benefit: { kind: 'cash_off', thresholdFen: 0, amountOffFen: 500 } }));
    const shopper = await joinMember(world, 'o_rd_race');
    const other = await joinMember(world, 'o_rd_other');
    const couponId = (await shopper.call('coupon', 'claim', { templateId: 'rd-race' })).coupon.couponId;
    const till2 = await openStore(world, 'staff_cashier_2');
    const [s1, s2] = [await scan(cashier, shopper), await scan(till2, shopper)];
    const results = await Promise.allSettled([
      cashier.call('staff', 'redeemCoupon', { sessionId: s1, couponId, orderNo: 'RACE-A', amountFen: 1_000 }),
      till2.call('staff', 'redeemCoupon', { sessionId: s2, couponId, orderNo: 'RACE-B', amountFen: 1_000 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const otherSession = await scan(cashier, other);
    await expectCode(cashier.call('staff', 'redeemCoupon', { sessionId: otherSession, couponId, orderNo: 'RACE-C', amountFen: 1_000 }), 'COUPON_NOT_FOUND');
  });

  it('refuses expired and not-yet-valid coupons and counts against the staff daily limit', async () => {
    await define(template('rd-future', { validity: { kind: 'fixed', from: '2026-06-01T00:00:00+08:00', until: '2026-07-01T00:00:00+08:00' }, benefit: { kind: 'free_shipping', thresholdFen: 0 } }));
    await define(template('rd-limit', { benefit: { kind: 'cash_off', thresholdFen: 0, amountOffFen: 100 }, perMemberLimit: 3 }));
    const shopper = await joinMember(world, 'o_rd_limit');
    const future = (await shopper.call('coupon', 'claim', { templateId: 'rd-future' })).coupon.couponId;
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await shopper.call('coupon', 'claim', { templateId: 'rd-limit' })).coupon.couponId);
    await world.console.call('admin', 'upsertStaff', { openid: 'staff_limited', name: '限额', storeId: 'store_1', role: 'cashier', limits: { couponsRedeemedPerDay: 2 } });
    const limited = world.shopper('staff_limited');
    const sessionId = await scan(limited, shopper);
    await expectCode(limited.call('staff', 'redeemCoupon', { sessionId, couponId: future, orderNo: 'LIM-0', amountFen: 1_000 }), 'COUPON_NOT_USABLE');
    await limited.call('staff', 'redeemCoupon', { sessionId, couponId: ids[0], orderNo: 'LIM-1', amountFen: 1_000 });
    await limited.call('staff', 'redeemCoupon', { sessionId, couponId: ids[1], orderNo: 'LIM-2', amountFen: 1_000 });
    await expectCode(limited.call('staff', 'redeemCoupon', { sessionId, couponId: ids[2], orderNo: 'LIM-3', amountFen: 1_000 }), 'STAFF_LIMIT_EXCEEDED');
    expect((await getById<MemberCouponDoc>(COLLECTIONS.memberCoupons, ids[2]))?.status).toBe('usable');
    const { flags } = await world.console.call('admin', 'listFlags', {});
    expect(flags.some((f) => f.kind === 'staff_limit' && f.detail.includes(ids[2]))).toBe(true);
  });
});

describe('stock and limits under concurrency', () => {
  it('100 concurrent claims for the last 10 units: exactly 10 succeed', async () => {
    await define(template('cc-last', { totalStock: 25 }));
    // Set-up joins run a few at a time: under CPU load, 100 registrations at once failed with
    // INTERNAL before any claim was sent. The claims below, the subject, stay all at once.
    const early = await joinMembers(world, 15, (i) => `o_cc_early_${i}`);
    for (const shopper of early) await shopper.call('coupon', 'claim', { templateId: 'cc-last' });
    const crowd = await joinMembers(world, 100, (i) => `o_cc_${i}`);
    const results = await Promise.allSettled(crowd.map((shopper) => shopper.call('coupon', 'claim', { templateId: 'cc-last' })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(10);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'COUPON_OUT_OF_STOCK' });
    expect((await getById<CouponTemplateDoc>(COLLECTIONS.couponTemplates, 'cc-last'))?.claimed).toBe(25);
    expect(await count(COLLECTIONS.memberCoupons, { templateId: 'cc-last' })).toBe(25);
  }, CONCURRENCY_TIMEOUT_SECONDS * 1000);

  it('a flash drop: 20 units to 120 concurrent claimers issues exactly 20, everyone else gets 已领完', async () => {
    await define(template('cc-flash', { totalStock: 20 }));
    const crowd: Actor[] = [];
    for (let i = 0; i < 120; i += 20) crowd.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => joinMember(world, `o_flash_${i + j}`)))));
    const results = await Promise.allSettled(crowd.map((shopper) => shopper.call('coupon', 'claim', { templateId: 'cc-flash' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'COUPON_OUT_OF_STOCK' });
    expect((await getById<CouponTemplateDoc>(COLLECTIONS.couponTemplates, 'cc-flash'))?.claimed).toBe(20);
    expect(await count(COLLECTIONS.memberCoupons, { templateId: 'cc-flash' })).toBe(20);
  });

  it('a claim refused after taking a unit gives the unit back (points spent by a concurrent exchange)', async () => {
    // Two priced templates, points for only one: both pass the check on plain reads, the member's
    // transaction lets one through and the other gives its unit back.
    await define(template('cc-price-a', { totalStock: 5, pointsPrice: 300 }));
    await define(template('cc-price-b', { totalStock: 5, pointsPrice: 300 }));
    const shopper = await joinMember(world, 'o_cc_points');
    await world.console.call('admin', 'adjustPoints', { memberId: await memberId(shopper), delta: 450, reason: '测试积分', key: 'cc-points-1' });
    const results = await Promise.allSettled(['cc-price-a', 'cc-price-b'].map((templateId) => shopper.call('coupon', 'claim', { templateId })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    const claimed = await Promise.all(['cc-price-a', 'cc-price-b'].map(async (id) => (await getById<CouponTemplateDoc>(COLLECTIONS.couponTemplates, id))?.claimed));
    expect(claimed.reduce((a = 0, b = 0) => a + b, 0)).toBe(1);
    expect(await count(COLLECTIONS.memberCoupons, { memberId: await memberId(shopper) })).toBe(1);
  });

  it('reconcileClaimed gives back units a crash left taken but unissued, only once no claim can be in flight', async () => {
    await define(template('cc-crash', { totalStock: 10 }));
    const shoppers = await Promise.all(Array.from({ length: 4 }, (_, i) => joinMember(world, `o_cc_crash_${i}`)));
    for (const shopper of shoppers) await shopper.call('coupon', 'claim', { templateId: 'cc-crash' });
    // What a kill -9 between taking units and issuing leaves behind: three units taken, no coupons.
    await patch(COLLECTIONS.couponTemplates, 'cc-crash', { claimed: 7, lastTakenAt: world.clock.now() });
    const early = await world.console.call('coupon', 'reconcileClaimed', { templateId: 'cc-crash' });
    expect(early).toMatchObject({ claimed: 7, issued: 4, repaired: 7, settled: false });
    world.clock.advance(60_000);
    const repaired = await world.console.call('coupon', 'reconcileClaimed', { templateId: 'cc-crash' });
    expect(repaired).toMatchObject({ claimed: 7, issued: 4, repaired: 4, settled: true });
    expect((await getById<CouponTemplateDoc>(COLLECTIONS.couponTemplates, 'cc-crash'))?.claimed).toBe(4);
    await expectCode(shoppers[0].call('coupon', 'reconcileClaimed', { templateId: 'cc-crash' }), 'FORBIDDEN');
  });

  it('one member claiming 20 times at once gets exactly the per-member limit', async () => {
    await define(template('cc-mine', { perMemberLimit: 3 }));
    const shopper = await joinMember(world, 'o_cc_greedy');
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => shopper.call('coupon', 'claim', { templateId: 'cc-mine' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(await count(COLLECTIONS.memberCoupons, { templateId: 'cc-mine', memberId: await memberId(shopper) })).toBe(3);
  });

  it('a retried claim with the same request key answers with the first coupon, also when sent concurrently', async () => {
    await define(template('keyed', { totalStock: 100, perMemberLimit: 5, pointsPrice: 0 }));
    const shopper = await joinMember(world, 'o_claim_keyed');
    const results = await Promise.all(Array.from({ length: 8 }, () => shopper.call('coupon', 'claim', { templateId: 'keyed', requestKey: 'tap-1' })));
    expect(new Set(results.map((r) => r.coupon.couponId)).size).toBe(1);
    const again = await shopper.call('coupon', 'claim', { templateId: 'keyed', requestKey: 'tap-1' });
    expect(again.coupon.couponId).toBe(results[0].coupon.couponId);
    const other = await shopper.call('coupon', 'claim', { templateId: 'keyed', requestKey: 'tap-2' });
    expect(other.coupon.couponId).not.toBe(results[0].coupon.couponId);
    expect(await count(COLLECTIONS.memberCoupons, { memberId: await memberId(shopper), templateId: 'keyed' })).toBe(2);
    await expect(shopper.call('coupon', 'claim', { templateId: 'keyed', requestKey: 'not a key!' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('property: random claims, redemptions and time never exceed stock or limits; each coupon is redeemed at most once', async () => {
    const shoppers = await Promise.all(['a', 'b', 'c'].map((x) => joinMember(world, `o_prop_${x}`)));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ stock: fc.integer({ min: 1, max: 5 }), limit: fc.integer({ min: 1, max: 3 }) }),
        fc.array(fc.record({ op: fc.constantFrom('claim', 'redeem', 'wait'), who: fc.integer({ min: 0, max: 2 }) }), { minLength: 3, maxLength: 10 }),
        async ({ stock, limit }, ops) => {
          run += 1;
          const templateId = `prop-${run}`;
          await define(template(templateId, { totalStock: stock, perMemberLimit: limit, benefit: { kind: 'cash_off', thresholdFen: 0, amountOffFen: 100 }, validity: { kind: 'relative', days: 1 }, claimWindow: { from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' } }));
          const redeemed = new Set<string>();
          let n = 0;
          // Operations of different shoppers run concurrently in pairs, as real traffic would.
          for (let i = 0; i < ops.length; i += 2) {
            await Promise.allSettled(
              ops.slice(i, i + 2).map(async ({ op, who }) => {
                const shopper = shoppers[who];
                if (op === 'wait') return world.clock.advance(12 * 3600_000);
                if (op === 'claim') return shopper.call('coupon', 'claim', { templateId });
                const usable = (await shopper.call('coupon', 'wallet', {})).usable.filter((c) => c.templateId === templateId);
                if (usable.length === 0) return undefined;
                const sessionId = await scan(cashier, shopper);
                n += 1;
                const receipt = await cashier.call('staff', 'redeemCoupon', { sessionId, couponId: usable[0].couponId, orderNo: `P${run}-${n}`, amountFen: 1_000 });
                if (redeemed.has(receipt.couponId)) throw new Error(`coupon ${receipt.couponId} redeemed twice`);
                redeemed.add(receipt.couponId);
                return receipt;
              }),
            ).then((settled) => settled.forEach((s) => { if (s.status === 'rejected' && !('code' in (s.reason as object))) throw s.reason; }));
          }
          const coupons = await find<MemberCouponDoc>(COLLECTIONS.memberCoupons, { templateId }, { limit: 100 });
          expect(coupons.length).toBeLessThanOrEqual(stock);
          const perMember = new Map<string, number>();
          for (const c of coupons) perMember.set(c.memberId, (perMember.get(c.memberId) ?? 0) + 1);
          for (const k of perMember.values()) expect(k).toBeLessThanOrEqual(limit);
          expect((await getById<CouponTemplateDoc>(COLLECTIONS.couponTemplates, templateId))?.claimed).toBe(coupons.length);
          expect(coupons.filter((c) => c.status === 'used').length).toBe(redeemed.size);
          for (const c of coupons.filter((x) => x.status === 'used')) expect(c.usedAt && c.usedAt < c.expiresAt).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });
});
