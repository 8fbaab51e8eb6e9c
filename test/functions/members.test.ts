import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import { count, find } from '../support/inspect';
import type { MemberDoc } from '../../cloudfunctions/shared/data/documents';
import { expectCode, joinMember, POLICY, startWorld, type LoyaltyWorld } from '../support/loyalty';

let world: LoyaltyWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

describe('member registration', () => {
  it('creates the card on first call and returns the same card after', async () => {
    const shopper = world.shopper('o_reg_first');
    const first = await shopper.call('member', 'register', { consentVersion: POLICY, nickname: '小明', birthday: '05-20' });
    expect(first.created).toBe(true);
    expect(first.card).toMatchObject({ nickname: '小明', tier: { code: 'bronze', name: '青铜' }, growth: 0, points: { available: 0, pending: 0 } });
    expect(first.card.cardNo).toMatch(/^8\d{11}$/);
    expect(first.card.nextTier).toEqual({ code: 'silver', name: '白银', threshold: 1000, missing: 1000 });
    const again = await shopper.call('member', 'register', { consentVersion: POLICY });
    expect(again).toMatchObject({ created: false, card: { memberId: first.card.memberId, cardNo: first.card.cardNo } });
  });

  it('creates exactly one member under 20 concurrent first calls', async () => {
    const shopper = world.shopper('o_reg_race');
    const results = await Promise.all(Array.from({ length: 20 }, () => shopper.call('member', 'register', { consentVersion: POLICY })));
    expect(new Set(results.map((r) => r.card.memberId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await count(COLLECTIONS.members, { openid: 'o_reg_race' })).toBe(1);
  });

  it('requires consent to the current privacy policy and changes nothing otherwise', async () => {
    const before = await count(COLLECTIONS.members, {});
    await expectCode(world.shopper('o_reg_noconsent').call('member', 'register', { consentVersion: '2019-01' }), 'CONSENT_REQUIRED');
    await expectCode(world.shopper('o_reg_noconsent').call('member', 'register', {} as never), 'INVALID_INPUT');
    expect(await count(COLLECTIONS.members, {})).toBe(before);
  });

  it('refuses calls without a WeChat identity and reads of unregistered shoppers', async () => {
    const anonymous = await world.emu.invoke('member', { action: 'card' }, { source: 'wx_client' });
    expect(anonymous).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    await expectCode(world.shopper('o_nobody').call('member', 'card', {}), 'NOT_REGISTERED');
    const unknown = await world.shopper('o_nobody').raw('member', 'fly', {});
    expect(unknown).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });
});

describe('profile', () => {
  it('stores the phone WeChat verified (getPhoneNumber code) protected and shows it masked', async () => {
    const shopper = await joinMember(world, 'o_profile');
    await shopper.call('member', 'updateProfile', { nickname: '张三丰', birthday: '1990-07-01' });
    const profile = await shopper.call('member', 'bindPhone', { code: world.emu.issuePhoneCode('13812345678') });
    expect(profile).toEqual({ nickname: '张三丰', birthday: '1990-07-01', phoneMasked: '138****5678', consentVersion: POLICY });
    const [doc] = await find<MemberDoc>(COLLECTIONS.members, { openid: 'o_profile' });
    expect(JSON.stringify(doc)).not.toContain('13812345678');
  });

  it('rejects malformed fields with INVALID_INPUT and leaves the profile unchanged', async () => {
    const shopper = await joinMember(world, 'o_profile_bad');
    const before = await shopper.call('member', 'card', {});
    for (const bad of [{ birthday: '13-45' }, { phone: '12345' }, { phone: '13812345678' }, { nickname: '' }, { nickname: 'x'.repeat(40) }, { phone: 13812345678 }, { extra: 1 }]) {
      await expectCode(shopper.call('member', 'updateProfile', bad as never), 'INVALID_INPUT');
    }
    expect((await shopper.call('member', 'card', {})).profile).toEqual(before.profile);
  });
});
