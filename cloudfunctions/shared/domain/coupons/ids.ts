import { digestId } from '../../platform/ids';

/**
 * Coupon ids derive from the business event, so a retried event can only write the same document:
 * the nth claim of a template by a member, or one grant per group / referral side.
 */
export const couponIds = {
  claimCounter: (templateId: string, memberId: string) => `${templateId}_${memberId}`,
  claimed: (templateId: string, memberId: string, n: number) => `${templateId}_${memberId}_${n}`,
  groupbuy: (groupId: string, memberId: string) => `gb_${digestId(`${groupId}:${memberId}`, 'groupbuy-coupon')}`,
  referral: (inviteeId: string, side: 'invitee' | 'inviter') => `rf_${digestId(`${inviteeId}:${side}`, 'referral-coupon')}`,
  campaign: (runId: string, memberId: string) => `cp_${digestId(`${runId}:${memberId}`, 'campaign-coupon')}`,
};
