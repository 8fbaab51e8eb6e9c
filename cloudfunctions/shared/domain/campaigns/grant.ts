import type { CampaignReward } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { CampaignCapDoc, CampaignDoc, CampaignGrantDoc, CouponTemplateDoc, LedgerDoc, MemberCouponDoc, MemberDoc } from '../../data/documents';
import type { Tx } from '../../data/transaction';
import { inTransaction } from '../../data/transaction';
import { sdkErrorCode } from '../../data/sdk-error';
import { insert } from '../../data/store';
import { keyId } from '../../platform/ids';
import { couponIds } from '../coupons/ids';
import { issueCoupon } from '../coupons/issue';
import { ledgerDoc, ledgerIds, lotIds, normalise, pointsStateOf, withPointsState } from '../points/account';
import { earn } from '../points/ledger';
import { addDays, endOfMonthAfter } from '../time/calendar';
import { isApproved } from './approval';
import { rewardFor } from './variants';
import { fitsBudget, inSchedule, isCapped, pointsOf, withMultiplier } from './policy';

export type GrantOutcome = 'granted' | 'alreadyGranted' | 'capped' | 'budgetExhausted' | 'inactive' | 'stopped';

/** Ids derive from the run and the member, so a replayed grant cannot write twice. */
export const grantIds = {
  grant: (runId: string, memberId: string) => keyId('grant', runId, memberId),
  cap: (campaignId: string, memberId: string) => keyId('cap', campaignId, memberId),
  ledger: ledgerIds.campaign,
  lot: lotIds.campaign,
};

/** The reward's effect on the member document (and the ledger, for points; a coupon, for coupons). */
function applyReward(current: MemberDoc, campaign: CampaignDoc, reward: CampaignReward, runId: string, expiryMonths: number, template: CouponTemplateDoc | null, now: Date): { next: MemberDoc; entries: LedgerDoc[]; coupon: MemberCouponDoc | null } {
  const actor = `campaign:${campaign._id}`;
  const { member, entries } = normalise(current, now, actor);
  if (reward.kind === 'coupon') {
    const coupon = template ? issueCoupon(template, member._id, couponIds.campaign(runId, member._id), 'campaign', campaign._id, now) : null;
    return { next: { ...member, updatedAt: now }, entries, coupon };
  }
  if (reward.kind === 'multiplier') {
    const grant = { campaignId: campaign._id, runId, permille: reward.permille, from: now, until: addDays(now, reward.days) };
    return { next: { ...member, campaignMultipliers: withMultiplier(member.campaignMultipliers, grant, now), updatedAt: now }, entries, coupon: null };
  }
  const applied = earn(
    pointsStateOf(member),
    { id: grantIds.lot(runId), amount: reward.points, earnedAt: now, availableAt: now, expiresAt: endOfMonthAfter(now, expiryMonths), orderNo: null },
    'adjust',
  );
  const next = withPointsState(member, applied.state, now);
  entries.push(ledgerDoc(member._id, applied.entry, next.points.balance, { id: grantIds.ledger(runId, member._id), reason: `campaign:${campaign._id}`, actor, now }));
  return { next, entries, coupon: null };
}

/**
 * Grants one member one run's reward in one transaction: the grant document (id run+member),
 * the reward (member, ledger), the frequency-cap document and the campaign's budget counters
 * commit together or not at all. The campaign is re-read inside, so a pause, the end of the
 * schedule or an exhausted budget stops grants at once, and two invocations racing on the same
 * run conflict on the campaign document instead of overspending.
 */
export async function grantMember(campaignId: string, runId: string, memberId: string, expiryMonths: number, now: Date): Promise<GrantOutcome> {
  return inTransaction(async (tx: Tx): Promise<GrantOutcome> => {
    const [existing, campaign, cap, current] = await Promise.all([
      tx.get<CampaignGrantDoc>(COLLECTIONS.campaignGrants, grantIds.grant(runId, memberId)),
      tx.get<CampaignDoc>(COLLECTIONS.campaigns, campaignId),
      tx.get<CampaignCapDoc>(COLLECTIONS.campaignCaps, grantIds.cap(campaignId, memberId)),
      tx.get<MemberDoc>(COLLECTIONS.members, memberId),
    ]);
    if (existing) return 'alreadyGranted';
    if (!campaign || campaign.status !== 'active' || !isApproved(campaign) || !inSchedule(campaign, now)) return 'stopped';
    if (!current || current.status !== 'active') return 'inactive';
    if (isCapped(cap, campaign.frequency, now)) return 'capped';
    const { reward, variant } = rewardFor(campaign, memberId);
    if (!fitsBudget(campaign.spent, campaign.budget, reward)) return 'budgetExhausted';
    const points = pointsOf(reward);
    const template = reward.kind === 'coupon' ? await tx.get<CouponTemplateDoc>(COLLECTIONS.couponTemplates, reward.templateId) : null;
    // A template deleted after the campaign was saved stops the run rather than granting nothing.
    if (reward.kind === 'coupon' && !template) return 'stopped';
    const { next, entries, coupon } = applyReward(current, campaign, reward, runId, expiryMonths, template, now);
    await tx.put(COLLECTIONS.members, next);
    await tx.patch(COLLECTIONS.campaigns, campaignId, { spent: { grants: campaign.spent.grants + 1, points: campaign.spent.points + points } });
    await Promise.all([
      ...entries.map((entry) => tx.create(COLLECTIONS.ledger, entry)),
      ...(coupon ? [tx.create(COLLECTIONS.memberCoupons, coupon)] : []),
      tx.create<CampaignGrantDoc>(COLLECTIONS.campaignGrants, { _id: grantIds.grant(runId, memberId), runId, campaignId, memberId, outcome: 'granted', reward, ...(variant ? { variant } : {}), points, at: now }),
      tx.put<CampaignCapDoc>(COLLECTIONS.campaignCaps, { _id: grantIds.cap(campaignId, memberId), campaignId, memberId, lastGrantAt: now, grants: (cap?.grants ?? 0) + 1 }),
    ]);
    return 'granted';
  });
}

/**
 * Records that a member was held out of a run (the control group). No reward, so no
 * transaction: the id makes it idempotent, and a duplicate after a resume is expected.
 * Returns false when the record already existed.
 */
export async function recordHoldout(campaignId: string, runId: string, memberId: string, now: Date): Promise<boolean> {
  try {
    await insert<CampaignGrantDoc>(COLLECTIONS.campaignGrants, { _id: grantIds.grant(runId, memberId), runId, campaignId, memberId, outcome: 'holdout', reward: null, points: 0, at: now });
    return true;
  } catch (error) {
    if (sdkErrorCode(error) === 'DATABASE_DUPLICATE_WRITE') return false;
    throw error;
  }
}
