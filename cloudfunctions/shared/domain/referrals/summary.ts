import type { ReferralSummary } from '../../../../typings/api/referral';
import { COLLECTIONS } from '../../data/collections';
import type { ReferralDoc, ReferralInviterDoc } from '../../data/documents';
import { count, find, getById } from '../../data/store';
import { requireMemberByOpenid } from '../members/directory';
import { monthKey, toIso } from '../time/calendar';
import { ensureInviteCode } from './codes';
import { loadReferralSettings } from './settings';

const RECENT = 20;

export async function myInvite(openid: string, now: Date): Promise<{ inviteCode: string; inviteePoints: number; inviterPoints: number; qualifyingMinFen: number }> {
  const member = await requireMemberByOpenid(openid);
  const [inviteCode, settings] = await Promise.all([ensureInviteCode(member._id, now), loadReferralSettings()]);
  return { inviteCode, inviteePoints: settings.inviteePoints, inviterPoints: settings.inviterPoints, qualifyingMinFen: settings.qualifyingMinFen };
}

/** Invited = attributed invitees; converted and rewards from the inviter's totals kept at conversion. */
export async function referralSummary(openid: string, now: Date): Promise<ReferralSummary> {
  const member = await requireMemberByOpenid(openid);
  const [inviteCode, settings, invited, stats, recent] = await Promise.all([
    ensureInviteCode(member._id, now),
    loadReferralSettings(),
    count(COLLECTIONS.referrals, { inviterId: member._id }),
    getById<ReferralInviterDoc>(COLLECTIONS.referralInviters, member._id),
    find<ReferralDoc>(COLLECTIONS.referrals, { inviterId: member._id }, { orderBy: [['attributedAt', 'desc']], limit: RECENT }),
  ]);
  return {
    inviteCode,
    invited,
    converted: stats?.converted ?? 0,
    rewardPoints: stats?.rewardPoints ?? 0,
    rewardCoupons: stats?.rewardCoupons ?? 0,
    rewardedThisMonth: stats?.rewardedByMonth[monthKey(now)] ?? 0,
    monthlyCap: settings.inviterMonthlyCap,
    recent: recent.map((r) => ({
      maskedName: r.inviteeMasked,
      status: r.status,
      invitedAt: toIso(r.attributedAt),
      convertedAt: r.convertedAt ? toIso(r.convertedAt) : null,
      inviterRewarded: r.inviterRewarded,
    })),
  };
}
