import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { LedgerDoc, ReferralDoc } from '../../cloudfunctions/shared/data/documents';
import { find, getById } from '../support/inspect';
import { expectCode, joinMember, openStore, POLICY, scan, startWorld, upsertCouponTemplate, type Actor, type LoyaltyWorld } from '../support/loyalty';

let world: LoyaltyWorld;
let cashier: Actor;
beforeAll(async () => {
  world = await startWorld('2026-03-10T10:00:00+08:00');
  cashier = await openStore(world);
  await upsertCouponTemplate(world, 'rf-welcome', { title: '新人券' });
  await world.console.call('referral', 'updateSettings', { inviteePoints: 100, inviterPoints: 200, inviteeCouponTemplateId: 'rf-welcome', inviterMonthlyCap: 2, qualifyingMinFen: 5_000 });
});
afterAll(() => world.close());

async function register(openid: string, inviteCode?: string) {
  return world.shopper(openid).call('member', 'register', { consentVersion: POLICY, ...(inviteCode ? { inviteCode } : {}) });
}

async function buy(shopper: Actor, orderNo: string, amountFen: number) {
  return cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, shopper), orderNo, amountFen });
}

describe('referrals', () => {
  it('attributes a new member, rewards both sides on the first qualifying purchase only, once', async () => {
    const inviter = await joinMember(world, 'o_rf_inviter');
    const { inviteCode } = await inviter.call('referral', 'myInvite', {});
    expect(inviteCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect((await inviter.call('referral', 'myInvite', {})).inviteCode).toBe(inviteCode);
    const joined = await register('o_rf_friend', inviteCode);
    expect(joined.referral).toEqual({ attributed: true, reason: null });
    const friend = world.shopper('o_rf_friend');
    // Nothing at sign-up: rewards wait for a purchase.
    expect((await inviter.call('referral', 'summary', {})).converted).toBe(0);
    expect((await friend.call('coupon', 'wallet', {})).usable).toHaveLength(0);
    await buy(friend, 'RF-SMALL', 4_999); // below the qualifying amount
    expect((await getById<ReferralDoc>(COLLECTIONS.referrals, joined.card.memberId))?.status).toBe('attributed');
    await buy(friend, 'RF-1', 10_000);
    await buy(friend, 'RF-1', 10_000); // retry of the same order
    await buy(friend, 'RF-2', 10_000);
    const friendLedger = await find<LedgerDoc>(COLLECTIONS.ledger, { memberId: joined.card.memberId, reason: 'referral_invitee' }, { limit: 10 });
    expect(friendLedger).toHaveLength(1);
    expect(friendLedger[0]).toMatchObject({ delta: 100, orderNo: 'RF-1' });
    expect((await friend.call('coupon', 'wallet', {})).usable.map((c) => c.templateId)).toEqual(['rf-welcome']);
    const summary = await inviter.call('referral', 'summary', {});
    expect(summary).toMatchObject({ invited: 1, converted: 1, rewardPoints: 200, rewardedThisMonth: 1, monthlyCap: 2 });
    expect(summary.recent[0]).toMatchObject({ status: 'converted', inviterRewarded: true });
    expect((await inviter.call('member', 'card', {})).points.pending).toBe(200);
  });

  it('caps the inviter\'s rewards per month; the invitee is still rewarded', async () => {
    const inviter = await joinMember(world, 'o_rf_cap');
    const { inviteCode } = await inviter.call('referral', 'myInvite', {});
    for (let i = 0; i < 3; i += 1) {
      await register(`o_rf_cap_friend_${i}`, inviteCode);
      await buy(world.shopper(`o_rf_cap_friend_${i}`), `RF-CAP-${i}`, 6_000);
    }
    const summary = await inviter.call('referral', 'summary', {});
    expect(summary).toMatchObject({ invited: 3, converted: 3, rewardPoints: 400, rewardedThisMonth: 2 });
    const third = await world.shopper('o_rf_cap_friend_2').call('member', 'card', {});
    expect(third.points.pending).toBe(60 + 100);
  });

  it('refuses self-referral, existing members, unknown codes, late and second touches', async () => {
    const inviter = await joinMember(world, 'o_rf_rules');
    const { inviteCode } = await inviter.call('referral', 'myInvite', {});
    const other = await joinMember(world, 'o_rf_rules_other');
    const otherCode = (await other.call('referral', 'myInvite', {})).inviteCode;
    // Existing member (and a would-be cycle: the inviter using their invitee's code) is never attributed.
    expect((await register('o_rf_rules', otherCode)).referral).toEqual({ attributed: false, reason: 'ALREADY_MEMBER' });
    expect(await inviter.call('referral', 'touch', { inviteCode })).toMatchObject({ attributable: false, reason: 'SELF_REFERRAL' });
    expect((await register('o_rf_unknown', 'ZZZZZZZZZZ')).referral).toEqual({ attributed: false, reason: 'UNKNOWN_CODE' });
    await expectCode(world.shopper('o_rf_x').call('referral', 'touch', { inviteCode: 'ZZZZZZZZZZ' }), 'REFERRAL_INVALID');
    // First touch wins over a later link and over a code given at registration.
    const visitor = world.shopper('o_rf_visitor');
    expect(await visitor.call('referral', 'touch', { inviteCode })).toMatchObject({ attributable: true, inviterName: expect.stringMatching(/\*/) });
    expect(await visitor.call('referral', 'touch', { inviteCode: otherCode })).toMatchObject({ attributable: false, reason: 'ALREADY_INVITED' });
    const visitorJoined = await register('o_rf_visitor', otherCode);
    expect((await getById<ReferralDoc>(COLLECTIONS.referrals, visitorJoined.card.memberId))?.code).toBe(inviteCode);
    // Outside the window the first touch no longer attributes.
    const slow = world.shopper('o_rf_slow');
    await slow.call('referral', 'touch', { inviteCode });
    world.clock.advance(8 * 24 * 3600_000);
    expect((await register('o_rf_slow', inviteCode)).referral).toEqual({ attributed: false, reason: 'WINDOW_PASSED' });
    expect((await inviter.call('referral', 'summary', {})).invited).toBe(1);
    await expectCode(world.shopper('o_rf_rules').call('referral', 'updateSettings', { inviterPoints: 1 }), 'FORBIDDEN');
    const raw = await world.shopper('o_rf_bad').raw('member', 'register', { consentVersion: POLICY, inviteCode: 'drop table' });
    expect(raw).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});
