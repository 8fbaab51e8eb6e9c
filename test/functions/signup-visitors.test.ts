import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { LedgerDoc, MemberCouponDoc } from '../../cloudfunctions/shared/data/documents';
import { count, find } from '../support/inspect';
import { expectCode, joinMember, memberDoc, POLICY, startWorld, upsertCouponTemplate, type LoyaltyWorld } from '../support/loyalty';

let world: LoyaltyWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

describe('phone from WeChat (getPhoneNumber code exchanged on the server)', () => {
  it('stores the number behind a code once; the same code again is refused and changes nothing', async () => {
    const shopper = await joinMember(world, 'o_phone_bind');
    const code = world.emu.issuePhoneCode('13912345678');
    expect(await shopper.call('member', 'bindPhone', { code })).toMatchObject({ phoneMasked: '139****5678' });
    const before = await memberDoc('o_phone_bind');
    await expectCode(shopper.call('member', 'bindPhone', { code }), 'PHONE_CODE_INVALID');
    expect((await memberDoc('o_phone_bind')).phone).toEqual(before.phone);
    expect(JSON.stringify(before)).not.toContain('13912345678');
  });

  it.each([
    ['an unknown code', { code: 'made-up' }, 'PHONE_CODE_INVALID'],
    ['no code', {}, 'INVALID_INPUT'],
    ['a typed number instead of a code', { phone: '13800001111' }, 'INVALID_INPUT'],
    ['an empty code', { code: '' }, 'INVALID_INPUT'],
    ['a code of the wrong type', { code: 42 }, 'INVALID_INPUT'],
  ] as const)('refuses %s', async (_label, request, code) => {
    const shopper = await joinMember(world, `o_phone_bad_${code}_${Object.keys(request).join('')}`);
    const result = await shopper.raw('member', 'bindPhone', request as Record<string, unknown>);
    expect(result).toMatchObject({ ok: false, code });
  });

  it('refuses a visitor (no card to put it on) and a typed phone in updateProfile', async () => {
    await expectCode(world.shopper('o_phone_visitor').call('member', 'bindPhone', { code: world.emu.issuePhoneCode('13900000000') }), 'NOT_REGISTERED');
    const shopper = await joinMember(world, 'o_phone_typed');
    expect(await shopper.raw('member', 'updateProfile', { phone: '13800001111' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect((await memberDoc('o_phone_typed')).phone).toBeNull();
  });
});

describe('visitors before members', () => {
  beforeAll(async () => {
    await upsertCouponTemplate(world, 'visitor-free', { visibility: 'public', totalStock: 10 });
    await upsertCouponTemplate(world, 'visitor-gold', { visibility: 'public', totalStock: 10, tiers: ['gold'] });
    await upsertCouponTemplate(world, 'visitor-priced', { visibility: 'public', totalStock: 10, pointsPrice: 100 });
    await world.console.call('groupbuy', 'upsertDeal', {
      dealId: 'visitor-deal', productLabel: '双人餐', groupPriceFen: 5_000, originalPriceFen: 8_000, groupSize: 2, fillHours: 24,
      window: { from: '2026-03-01T00:00:00+08:00', until: '2026-04-01T00:00:00+08:00' }, groupStock: 5, entitlementTemplateId: 'visitor-free', active: true,
    });
  });

  it('lets a visitor browse the claim centre as a newcomer would see it, without member data', async () => {
    const visitor = world.shopper('o_visitor_browse');
    await expectCode(visitor.call('coupon', 'listTemplates', {}), 'NOT_REGISTERED');
    const { templates } = await visitor.call('coupon', 'browseTemplates', {});
    const byId = new Map(templates.map((t) => [t.templateId, t]));
    expect(byId.get('visitor-free')).toMatchObject({ claimable: true, reason: null, claimedByMe: 0 });
    expect(byId.get('visitor-gold')).toMatchObject({ claimable: false, reason: 'TIER_TOO_LOW' });
    expect(byId.get('visitor-priced')).toMatchObject({ claimable: false, reason: 'INSUFFICIENT_POINTS' });
    // Browsing is not joining: no member, no identity written.
    expect(await count(COLLECTIONS.memberIdentities, {})).toBe(await count(COLLECTIONS.members, {}));
    await expectCode(visitor.call('coupon', 'claim', { templateId: 'visitor-free' }), 'NOT_REGISTERED');
  });

  it('lets a visitor browse deals (no group of theirs) and tiers (no standing)', async () => {
    const visitor = world.shopper('o_visitor_deals');
    await expectCode(visitor.call('groupbuy', 'listDeals', {}), 'NOT_REGISTERED');
    const { deals } = await visitor.call('groupbuy', 'browseDeals', {});
    expect(deals.find((d) => d.dealId === 'visitor-deal')).toMatchObject({ myGroupId: null, groupsLeft: 5 });
    await expectCode(visitor.call('groupbuy', 'start', { dealId: 'visitor-deal' }), 'NOT_REGISTERED');
    const benefits = await visitor.call('member', 'benefits', {});
    expect(benefits.member).toBeNull();
    expect(benefits.tiers.map((t) => t.code)).toEqual(['bronze', 'silver', 'gold', 'jade', 'platinum']);
    expect(benefits.tiers.flatMap((t) => t.benefits.perks)).not.toEqual(expect.arrayContaining(['优先客服']));
    expect(benefits.tiers.flatMap((t) => t.benefits.perks)).not.toEqual(expect.arrayContaining(['专属顾问']));
  });

  it('still needs a WeChat identity to browse', async () => {
    for (const [fn, action] of [['coupon', 'browseTemplates'], ['groupbuy', 'browseDeals'], ['member', 'benefits']] as const) {
      expect(await world.emu.invoke(fn, { action }, { source: 'wx_client' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
  });
});

describe('welcome pack', () => {
  beforeAll(async () => {
    await upsertCouponTemplate(world, 'welcome-5', { visibility: 'hidden', totalStock: 0 });
  });

  it('is set by admins only, and refuses unknown templates', async () => {
    await expectCode(world.shopper('o_welcome_nobody').call('member', 'setWelcomePack', { points: 1, couponTemplateIds: [] }), 'FORBIDDEN');
    await expectCode(world.console.call('member', 'setWelcomePack', { points: 50, couponTemplateIds: ['no-such'] }), 'CONFIG_INVALID');
    expect(await world.console.call('member', 'getWelcomePack', {})).toEqual({ points: 0, couponTemplateIds: [] });
    for (const bad of [{ points: -1, couponTemplateIds: [] }, { points: 1.5, couponTemplateIds: [] }, { points: 1 }, { points: 1, couponTemplateIds: ['BAD ID'] }]) {
      expect(await world.console.raw('member', 'setWelcomePack', bad)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
  });

  it('grants points and coupons once on joining, even under concurrent first calls', async () => {
    await world.console.call('member', 'setWelcomePack', { points: 50, couponTemplateIds: ['welcome-5'] });
    const shopper = world.shopper('o_welcome_race');
    const results = await Promise.all(Array.from({ length: 8 }, () => shopper.call('member', 'register', { consentVersion: POLICY })));
    const created = results.filter((r) => r.created);
    expect(created).toHaveLength(1);
    expect(created[0].welcome).toMatchObject({ points: 50, coupons: [{ title: '测试券' }] });
    expect(created[0].card.points).toMatchObject({ available: 50, pending: 0 });
    const member = await memberDoc('o_welcome_race');
    expect(await find<LedgerDoc>(COLLECTIONS.ledger, { memberId: member._id })).toEqual([expect.objectContaining({ delta: 50, reason: 'welcome_pack' })]);
    expect(await find<MemberCouponDoc>(COLLECTIONS.memberCoupons, { memberId: member._id })).toEqual([expect.objectContaining({ templateId: 'welcome-5', source: 'welcome' })]);
    // balance == open lots == ledger
    expect((await world.console.call('admin', 'reconcile', {})).discrepancies).toEqual([]);
  });

  it('is not granted again to a WeChat identity that erased its card and joined again', async () => {
    await world.console.call('member', 'setWelcomePack', { points: 30, couponTemplateIds: [] });
    const shopper = world.shopper('o_welcome_again');
    expect((await shopper.call('member', 'register', { consentVersion: POLICY })).welcome).toEqual({ points: 30, coupons: [] });
    await shopper.call('member', 'deleteAccount', { confirm: 'DELETE' });
    const again = await shopper.call('member', 'register', { consentVersion: POLICY });
    expect(again.created).toBe(true);
    expect(again.welcome).toBeUndefined();
    expect(again.card.points.available).toBe(0);
  });
});
