import { keyId } from '../../platform/ids';

/**
 * Coupon ids derive from the business event, so a retried event can only write the same document:
 * the nth claim of a template by a member, or one grant per group / referral side.
 */
export const couponIds = {
  claimCounter: (templateId: string, memberId: string) => keyId('cc', templateId, memberId),
  claimed: (templateId: string, memberId: string, n: number) => keyId('cp', templateId, memberId, n),
  groupbuy: (groupId: string, memberId: string) => keyId('gb', groupId, memberId),
  referral: (inviteeId: string, side: 'invitee' | 'inviter') => keyId('rf', inviteeId, side),
  campaign: (runId: string, memberId: string) => keyId('cg', runId, memberId),
};
