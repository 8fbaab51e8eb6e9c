import type { ClaimRefusal } from '../../../../typings/api/coupon';
import type { ErrorCode } from '../../../../typings/errors';
import type { CouponTemplateDoc } from '../../data/documents';

export interface ClaimContext {
  now: Date;
  tier: string;
  /** Coupons of this template the member already claimed. */
  claimedByMe: number;
  availablePoints: number;
}

/**
 * Why this member cannot claim the template now, or null. Checked in a fixed order so the shopper
 * sees the most fundamental reason first: the window, then stock, then their own limit, tier, points.
 */
export function claimRefusal(template: CouponTemplateDoc, context: ClaimContext): ClaimRefusal | null {
  const forEveryone = templateRefusal(template, context.now);
  if (forEveryone) return forEveryone;
  if (context.claimedByMe >= template.perMemberLimit) return 'LIMIT_REACHED';
  if (template.tiers.length > 0 && !template.tiers.includes(context.tier)) return 'TIER_TOO_LOW';
  if (template.pointsPrice > context.availablePoints) return 'INSUFFICIENT_POINTS';
  return null;
}

/** The refusals that do not depend on who claims (the window, then stock): the first checks of claimRefusal. */
export function templateRefusal(template: CouponTemplateDoc, now: Date): ClaimRefusal | null {
  if (now < template.claimFrom) return 'NOT_STARTED';
  if (now >= template.claimUntil) return 'WINDOW_CLOSED';
  if (template.claimed >= template.totalStock) return 'OUT_OF_STOCK';
  return null;
}

/** The error code and Chinese message a refused claim answers with. */
export const REFUSAL_ERRORS: Record<ClaimRefusal, { code: ErrorCode; message: string }> = {
  NOT_STARTED: { code: 'COUPON_NOT_CLAIMABLE', message: '领取尚未开始' },
  WINDOW_CLOSED: { code: 'COUPON_NOT_CLAIMABLE', message: '领取已结束' },
  OUT_OF_STOCK: { code: 'COUPON_OUT_OF_STOCK', message: '优惠券已被领完' },
  LIMIT_REACHED: { code: 'COUPON_LIMIT_REACHED', message: '已达到领取上限' },
  TIER_TOO_LOW: { code: 'COUPON_TIER_TOO_LOW', message: '会员等级不满足领取条件' },
  INSUFFICIENT_POINTS: { code: 'INSUFFICIENT_POINTS', message: '积分不足，无法兑换' },
};
