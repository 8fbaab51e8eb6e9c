import { COLLECTIONS } from '../../data/collections';
import type { CouponTemplateDoc, LedgerDoc, MemberCouponDoc, MemberDoc, ReferralDoc, ReferralInviterDoc } from '../../data/documents';
import { getById } from '../../data/store';
import type { Tx } from '../../data/transaction';
import { couponIds } from '../coupons/ids';
import { issueCoupon } from '../coupons/issue';
import { ledgerDoc, ledgerIds, lotIds, normalise, pointsStateOf, withPointsState } from '../points/account';
import { earn } from '../points/ledger';
import type { Configuration } from '../settings/service';
import { addDays, endOfMonthAfter, monthKey } from '../time/calendar';
import { loadReferralSettings } from './settings';

export interface ReferralBonus {
  /** The invitee's member document with the reward applied (the purchase writes it). */
  invitee: MemberDoc;
  /** The remaining writes, issued after the purchase wrote the member document. */
  write: () => Array<Promise<void>>;
}

/** Reward points follow purchase points: pending for the return window, expiring like earned points. */
function credit(member: MemberDoc, points: number, lotId: string, entryId: string, reason: string, orderNo: string, config: Configuration, now: Date): { member: MemberDoc; entries: LedgerDoc[] } {
  const actor = 'system:referral';
  const { member: fresh, entries } = normalise(member, now, actor);
  if (points <= 0) return { member: fresh, entries };
  const applied = earn(pointsStateOf(fresh), {
    id: lotId,
    amount: points,
    earnedAt: now,
    availableAt: addDays(now, config.settings.pendingDays),
    expiresAt: endOfMonthAfter(now, config.settings.expiryMonths),
    orderNo,
    // 'adjust', not 'earn': reconciliation counts earn entries against orders' points, and a reward is no order's points.
  }, 'adjust');
  const next = withPointsState(fresh, applied.state, now);
  entries.push(ledgerDoc(member._id, applied.entry, next.points.balance, { id: entryId, orderNo, reason, actor, now }));
  return { member: next, entries };
}

async function template(templateId: string | null): Promise<CouponTemplateDoc | null> {
  return templateId ? getById<CouponTemplateDoc>(COLLECTIONS.couponTemplates, templateId) : null;
}

/**
 * Inside the purchase transaction: if this member was attributed to an inviter and has not yet
 * converted, and the purchase qualifies, both sides are rewarded now (points and/or coupons as
 * configured) and the referral is marked converted in the same transaction, so a retried or
 * duplicate purchase cannot reward twice. The inviter is rewarded only while under the monthly
 * cap; the invitee always is. Returns null when nothing is due.
 */
export async function referralBonus(tx: Tx, referral: ReferralDoc | null, invitee: MemberDoc, purchase: { orderNo: string; amountFen: number }, config: Configuration, now: Date): Promise<ReferralBonus | null> {
  if (!referral || referral.status !== 'attributed') return null;
  const settings = await loadReferralSettings();
  if (!settings.enabled || purchase.amountFen < settings.qualifyingMinFen) return null;
  const [inviter, stats, inviteeTemplate, inviterTemplate] = await Promise.all([
    tx.get<MemberDoc>(COLLECTIONS.members, referral.inviterId),
    tx.get<ReferralInviterDoc>(COLLECTIONS.referralInviters, referral.inviterId),
    template(settings.inviteeCouponTemplateId),
    template(settings.inviterCouponTemplateId),
  ]);
  const month = monthKey(now);
  const rewardedThisMonth = stats?.rewardedByMonth[month] ?? 0;
  const inviterRewarded = !!inviter && inviter.status === 'active' && rewardedThisMonth < settings.inviterMonthlyCap;

  const inviteeSide = credit(invitee, settings.inviteePoints, lotIds.referral(invitee._id), ledgerIds.referral(invitee._id, 'invitee'), 'referral_invitee', purchase.orderNo, config, now);
  const inviterSide = inviterRewarded && inviter ? credit(inviter, settings.inviterPoints, lotIds.referral(invitee._id), ledgerIds.referral(invitee._id, 'inviter'), 'referral_inviter', purchase.orderNo, config, now) : null;
  const coupons: MemberCouponDoc[] = [];
  if (inviteeTemplate) coupons.push(issueCoupon(inviteeTemplate, invitee._id, couponIds.referral(invitee._id, 'invitee'), 'referral', referral._id, now));
  if (inviterSide && inviterTemplate) coupons.push(issueCoupon(inviterTemplate, referral.inviterId, couponIds.referral(invitee._id, 'inviter'), 'referral', referral._id, now));
  const inviterPoints = inviterSide ? settings.inviterPoints : 0;
  const inviterCouponId = inviterSide && inviterTemplate ? couponIds.referral(invitee._id, 'inviter') : null;

  const nextStats: ReferralInviterDoc = {
    _id: referral.inviterId,
    converted: (stats?.converted ?? 0) + 1,
    rewardPoints: (stats?.rewardPoints ?? 0) + inviterPoints,
    rewardCoupons: (stats?.rewardCoupons ?? 0) + (inviterCouponId ? 1 : 0),
    rewardedByMonth: { ...stats?.rewardedByMonth, [month]: rewardedThisMonth + (inviterRewarded ? 1 : 0) },
    updatedAt: now,
  };
  const converted: ReferralDoc = {
    ...referral,
    status: 'converted',
    convertedAt: now,
    orderNo: purchase.orderNo,
    inviteePoints: settings.inviteePoints,
    inviterPoints,
    inviteeCouponId: inviteeTemplate ? couponIds.referral(invitee._id, 'invitee') : null,
    inviterCouponId,
    inviterRewarded,
  };
  return {
    invitee: inviteeSide.member,
    write: () => [
      tx.put(COLLECTIONS.referrals, converted),
      tx.put(COLLECTIONS.referralInviters, nextStats),
      ...(inviterSide ? [tx.put(COLLECTIONS.members, inviterSide.member)] : []),
      ...[...inviteeSide.entries, ...(inviterSide?.entries ?? [])].map((entry) => tx.create(COLLECTIONS.ledger, entry)),
      ...coupons.map((coupon) => tx.create(COLLECTIONS.memberCoupons, coupon)),
    ],
  };
}
