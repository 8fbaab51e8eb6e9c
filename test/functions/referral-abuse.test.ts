import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { ErasedIdentityDoc, LedgerDoc, ReferralDoc } from '../../cloudfunctions/shared/data/documents';
import { find, getById } from '../support/inspect';
import { DEFAULT_REFERRAL_SETTINGS } from '../../cloudfunctions/shared/domain/referrals/settings';
import type { ApiResult } from '../../typings/envelope';
import { expectCode, joinMember, memberDoc, openStore, POLICY, scan, startWorld, upsertCouponTemplate, type Actor, type LoyaltyWorld } from '../support/loyalty';

/** Issue 10: one WeChat user re-joining through one invite link (¥1 purchase, refund, erase, again) earns the inviter nothing. */
let world: LoyaltyWorld;
let cashier: Actor;
beforeAll(async () => {
  world = await startWorld('2026-03-10T10:00:00+08:00');
  cashier = await openStore(world);
  await upsertCouponTemplate(world, 'rfa-gift', { title: '邀请奖励券' });
  // Everything at its default except the reward coupons.
  await world.console.call('referral', 'updateSettings', { inviteeCouponTemplateId: 'rfa-gift', inviterCouponTemplateId: 'rfa-gift' });
});
afterAll(() => world.close());

async function buy(shopper: Actor, orderNo: string, amountFen: number): Promise<string> {
  const sessionId = await scan(cashier, shopper);
  await cashier.call('staff', 'recordPurchase', { sessionId, orderNo, amountFen });
  return sessionId;
}

async function inviterFor(openid: string): Promise<{ inviter: Actor; inviteCode: string }> {
  const inviter = await joinMember(world, openid);
  return { inviter, inviteCode: (await inviter.call('referral', 'myInvite', {})).inviteCode };
}

async function register(openid: string, inviteCode: string, unionid?: string) {
  const send = world.emu.asShopper(openid, unionid ? { unionid } : {});
  const result = (await send('member', { action: 'register', consentVersion: POLICY, inviteCode })) as ApiResult<{ card: { memberId: string }; referral?: unknown }>;
  if (!result.ok) throw new Error(result.code);
  return result.data;
}

describe('qualifying purchase', () => {
  it('defaults to a real purchase, not ¥1', async () => {
    expect(DEFAULT_REFERRAL_SETTINGS.qualifyingMinFen).toBeGreaterThanOrEqual(5_000);
    const { inviteCode } = await inviterFor('o_rfa_min_inviter');
    const joined = await register('o_rfa_min_friend', inviteCode);
    await buy(world.shopper('o_rfa_min_friend'), 'RFA-MIN-1', 100);
    expect((await getById<ReferralDoc>(COLLECTIONS.referrals, joined.card.memberId))?.status).toBe('attributed');
  });
});

describe('clawback on refund within the return window', () => {
  it('takes both sides\' rewards back when the converting order is refunded below the minimum', async () => {
    const { inviter, inviteCode } = await inviterFor('o_rfa_cb_inviter');
    const joined = await register('o_rfa_cb_friend', inviteCode);
    const friend = world.shopper('o_rfa_cb_friend');
    await buy(friend, 'RFA-CB-1', 10_000);
    expect(await inviter.call('referral', 'summary', {})).toMatchObject({ converted: 1, rewardPoints: 200, rewardedThisMonth: 1 });
    expect((await memberDoc('o_rfa_cb_inviter')).points.pending).toBe(200);
    world.clock.advance(3 * 24 * 3600_000);
    await cashier.call('staff', 'recordRefund', { sessionId: await scan(cashier, friend), orderNo: 'RFA-CB-1', refundNo: 'R1', amountFen: 10_000 });
    const referral = await getById<ReferralDoc>(COLLECTIONS.referrals, joined.card.memberId);
    expect(referral?.status).toBe('clawed_back');
    expect((await memberDoc('o_rfa_cb_inviter')).points).toMatchObject({ balance: 0, debt: 0 });
    expect((await memberDoc('o_rfa_cb_friend')).points).toMatchObject({ balance: 0, debt: 0 });
    expect(await inviter.call('referral', 'summary', {})).toMatchObject({ invited: 1, converted: 0, rewardPoints: 0, rewardCoupons: 0, rewardedThisMonth: 0 });
    expect((await inviter.call('coupon', 'wallet', {})).usable).toHaveLength(0);
    expect((await friend.call('coupon', 'wallet', {})).usable).toHaveLength(0);
    const clawbacks = await find<LedgerDoc>(COLLECTIONS.ledger, { reason: 'referral_clawback_inviter' });
    expect(clawbacks).toEqual([expect.objectContaining({ memberId: (await memberDoc('o_rfa_cb_inviter'))._id, delta: -200, orderNo: 'RFA-CB-1' })]);
    // A later purchase does not convert the referral again.
    await buy(friend, 'RFA-CB-2', 10_000);
    expect((await inviter.call('referral', 'summary', {})).converted).toBe(0);
    // A retried refund is a replay: nothing is taken twice.
    await cashier.call('staff', 'recordRefund', { sessionId: await scan(cashier, friend), orderNo: 'RFA-CB-1', refundNo: 'R1', amountFen: 10_000 });
    expect(await find<LedgerDoc>(COLLECTIONS.ledger, { reason: 'referral_clawback_inviter' })).toHaveLength(1);
    expect(await world.console.call('admin', 'reconcile', {})).toMatchObject({ discrepancies: [] });
  });

  it('turns spent reward points into debt, like any refund', async () => {
    await world.console.call('admin', 'updateSettings', { settings: { pendingDays: 0 } });
    try {
      const { inviteCode } = await inviterFor('o_rfa_debt_inviter');
      await register('o_rfa_debt_friend', inviteCode);
      const session = await buy(world.shopper('o_rfa_debt_friend'), 'RFA-D-1', 10_000);
      const inviterId = (await memberDoc('o_rfa_debt_inviter'))._id;
      await world.console.call('admin', 'adjustPoints', { memberId: inviterId, delta: -150, reason: '已兑换', key: 'rfa-spend' });
      await cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'RFA-D-1', refundNo: 'R1', amountFen: 10_000 });
      expect((await memberDoc('o_rfa_debt_inviter')).points).toMatchObject({ balance: 0, debt: 150 });
    } finally {
      await world.console.call('admin', 'updateSettings', { settings: { pendingDays: 7 } });
    }
  });

  it('keeps the rewards for a partial refund above the minimum, or a refund after the window', async () => {
    const { inviter, inviteCode } = await inviterFor('o_rfa_keep_inviter');
    await register('o_rfa_keep_a', inviteCode);
    await register('o_rfa_keep_b', inviteCode);
    const sessionA = await buy(world.shopper('o_rfa_keep_a'), 'RFA-K-A', 20_000);
    await buy(world.shopper('o_rfa_keep_b'), 'RFA-K-B', 10_000);
    await cashier.call('staff', 'recordRefund', { sessionId: sessionA, orderNo: 'RFA-K-A', refundNo: 'R1', amountFen: 10_000 });
    world.clock.advance(8 * 24 * 3600_000);
    await cashier.call('staff', 'recordRefund', { sessionId: await scan(cashier, world.shopper('o_rfa_keep_b')), orderNo: 'RFA-K-B', refundNo: 'R1', amountFen: 10_000 });
    expect(await inviter.call('referral', 'summary', {})).toMatchObject({ converted: 2, rewardPoints: 400 });
  });
});

describe('erased and returning WeChat users', () => {
  it('are not new invitees: the inviter earns once, not three times', async () => {
    const { inviter, inviteCode } = await inviterFor('o_rfa_loop_inviter');
    const friend = world.shopper('o_rfa_loop_friend');
    for (let round = 0; round < 3; round += 1) {
      const joined = await register('o_rfa_loop_friend', inviteCode);
      expect(joined.referral).toEqual(round === 0 ? { attributed: true, reason: null } : { attributed: false, reason: 'RETURNING_MEMBER' });
      const session = await buy(friend, `RFA-LOOP-${round}`, 6_000);
      if (round === 0) await cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'RFA-LOOP-0', refundNo: 'R', amountFen: 6_000 });
      await friend.call('member', 'deleteAccount', { confirm: 'DELETE' });
    }
    expect(await inviter.call('referral', 'summary', {})).toMatchObject({ invited: 1, converted: 0, rewardPoints: 0 });
    expect((await memberDoc('o_rfa_loop_inviter')).points.balance).toBe(0);
    expect(await friend.call('referral', 'touch', { inviteCode })).toMatchObject({ attributable: false, reason: 'RETURNING_MEMBER' });
  });

  it('are recognised by unionid under another openid, and only keyed digests are kept', async () => {
    const { inviteCode } = await inviterFor('o_rfa_union_inviter');
    await register('o_rfa_union_1', inviteCode, 'union_rfa_1');
    const erase = world.emu.asShopper('o_rfa_union_1', { unionid: 'union_rfa_1' });
    await erase('member', { action: 'deleteAccount', confirm: 'DELETE' });
    const again = await register('o_rfa_union_2', inviteCode, 'union_rfa_1');
    expect(again.referral).toEqual({ attributed: false, reason: 'RETURNING_MEMBER' });
    const kept = await find<ErasedIdentityDoc>(COLLECTIONS.erasedIdentities, {}, { limit: 100 });
    expect(kept.length).toBeGreaterThanOrEqual(2);
    const stored = JSON.stringify(kept);
    for (const identity of ['o_rfa_union_1', 'union_rfa_1', 'o_rfa_loop_friend']) expect(stored).not.toContain(identity);
    for (const doc of kept) expect(Object.keys(doc).sort()).toEqual(['_id', 'birthdayGiftYear', 'updatedAt']);
  });

  it('still refuses invalid codes', async () => {
    await expectCode(world.shopper('o_rfa_nobody').call('referral', 'touch', { inviteCode: 'ZZZZZZZZZZ' }), 'REFERRAL_INVALID');
  });
});
