import { COLLECTIONS } from '../../data/collections';
import type { LedgerDoc, MemberCouponDoc, MemberDoc, OrderDoc, ReferralDoc, ReferralInviterDoc } from '../../data/documents';
import type { Tx } from '../../data/transaction';
import { ledgerDoc, ledgerIds, lotIds, normalise, pointsStateOf, withPointsState } from '../points/account';
import { reverse } from '../points/ledger';
import type { Configuration } from '../settings/service';
import { addDays, monthKey } from '../time/calendar';
import { loadReferralSettings } from './settings';

const ACTOR = 'system:referral';

/** Takes a referral reward's points back from the lot it created (what was spent becomes debt, as for refunds). */
function takeBack(member: MemberDoc, points: number, inviteeId: string, side: 'invitee' | 'inviter', orderNo: string, now: Date): { member: MemberDoc; entries: LedgerDoc[] } {
  const { member: fresh, entries } = normalise(member, now, ACTOR);
  if (points <= 0) return { member: fresh, entries };
  const applied = reverse(pointsStateOf(fresh), points, lotIds.referral(inviteeId));
  const next = withPointsState(fresh, applied.state, now);
  entries.push(ledgerDoc(member._id, applied.entry, next.points.balance, { id: ledgerIds.referralClawback(inviteeId, side), orderNo, reason: `referral_clawback_${side}`, actor: ACTOR, now }));
  return { member: next, entries };
}

export interface ReferralClawback {
  invitee: MemberDoc;
  write: () => Array<Promise<void>>;
}

/**
 * Inside the refund transaction: when the order that converted a referral is refunded within
 * the return window (`pendingDays` after the purchase) down below the qualifying amount, both
 * sides' reward points are taken back (spent points become debt), unused reward coupons expire
 * at once, the inviter's totals and monthly count are restored, and the referral is marked
 * `clawed_back` for good: a later purchase does not convert it again. Null when nothing is due.
 */
export async function referralClawback(tx: Tx, order: OrderDoc, refundedFen: number, invitee: MemberDoc, config: Configuration, now: Date): Promise<ReferralClawback | null> {
  const referral = await tx.get<ReferralDoc>(COLLECTIONS.referrals, order.memberId);
  if (!referral || referral.status !== 'converted' || referral.orderNo !== order.orderNo) return null;
  if (now > addDays(order.createdAt, config.settings.pendingDays)) return null;
  const settings = await loadReferralSettings();
  if (order.amountFen - refundedFen >= settings.qualifyingMinFen) return null;

  const [inviter, stats, inviteeCoupon, inviterCoupon] = await Promise.all([
    referral.inviterRewarded ? tx.get<MemberDoc>(COLLECTIONS.members, referral.inviterId) : Promise.resolve(null),
    tx.get<ReferralInviterDoc>(COLLECTIONS.referralInviters, referral.inviterId),
    referral.inviteeCouponId ? tx.get<MemberCouponDoc>(COLLECTIONS.memberCoupons, referral.inviteeCouponId) : Promise.resolve(null),
    referral.inviterCouponId ? tx.get<MemberCouponDoc>(COLLECTIONS.memberCoupons, referral.inviterCouponId) : Promise.resolve(null),
  ]);
  const inviteeSide = takeBack(invitee, referral.inviteePoints, referral._id, 'invitee', order.orderNo, now);
  // An erased inviter's points were forfeited at erasure; there is nothing left to take back.
  const inviterSide = inviter && inviter.status === 'active' ? takeBack(inviter, referral.inviterPoints, referral._id, 'inviter', order.orderNo, now) : null;
  const unusedCoupons = [inviteeCoupon, inviterCoupon].filter((c): c is MemberCouponDoc => !!c && c.status === 'usable' && c.expiresAt > now);
  const convertedMonth = referral.convertedAt ? monthKey(referral.convertedAt) : monthKey(now);
  const nextStats: ReferralInviterDoc | null = stats && {
    ...stats,
    converted: Math.max(0, stats.converted - 1),
    rewardPoints: Math.max(0, stats.rewardPoints - referral.inviterPoints),
    rewardCoupons: Math.max(0, stats.rewardCoupons - (referral.inviterCouponId ? 1 : 0)),
    rewardedByMonth: { ...stats.rewardedByMonth, [convertedMonth]: Math.max(0, (stats.rewardedByMonth[convertedMonth] ?? 0) - (referral.inviterRewarded ? 1 : 0)) },
    updatedAt: now,
  };
  return {
    invitee: inviteeSide.member,
    write: () => [
      tx.put<ReferralDoc>(COLLECTIONS.referrals, { ...referral, status: 'clawed_back', clawedBackAt: now }),
      ...(nextStats ? [tx.put(COLLECTIONS.referralInviters, nextStats)] : []),
      ...(inviterSide ? [tx.put(COLLECTIONS.members, inviterSide.member)] : []),
      ...[...inviteeSide.entries, ...(inviterSide?.entries ?? [])].map((entry) => tx.create(COLLECTIONS.ledger, entry)),
      ...unusedCoupons.map((coupon) => tx.patch(COLLECTIONS.memberCoupons, coupon._id, { expiresAt: now })),
    ],
  };
}
