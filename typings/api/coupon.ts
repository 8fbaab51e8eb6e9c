import type { TierCode } from '../domain';

/**
 * Coupons: templates defined by admins, coupons held by members. Money is integer fen; dates are
 * ISO-8601 strings on the wire. A coupon carries a snapshot of its template's benefit, so editing a
 * template never changes coupons already issued.
 */

/** What a coupon gives. `thresholdFen` 0 = no minimum spend (无门槛). */
export type CouponBenefit =
  /** 满减: `amountOffFen` off when the amount reaches `thresholdFen`. */
  | { kind: 'cash_off'; thresholdFen: number; amountOffFen: number }
  /** 折扣: `discountPermille` of the amount off (150 = 15% off = 八五折), at most `capFen` (null = no cap). */
  | { kind: 'percent_off'; thresholdFen: number; discountPermille: number; capFen: number | null }
  /** 礼品: staff hand over `giftLabel`; no money off. */
  | { kind: 'gift'; thresholdFen: number; giftLabel: string }
  /** 免运费: shipping waived; no money off the goods. */
  | { kind: 'free_shipping'; thresholdFen: number };

export type CouponKind = CouponBenefit['kind'];

/** Fixed dates, or from the claim until the end of the Nth business day (claim day = day 1). */
export type CouponValidity = { kind: 'fixed'; from: string; until: string } | { kind: 'relative'; days: number };

/** How a member got the coupon. */
export type CouponSource = 'claim' | 'points' | 'groupbuy' | 'referral' | 'campaign' | 'welcome';

/** Why a template cannot be claimed by this member now (null = claimable). */
export type ClaimRefusal = 'NOT_STARTED' | 'WINDOW_CLOSED' | 'OUT_OF_STOCK' | 'LIMIT_REACHED' | 'TIER_TOO_LOW' | 'INSUFFICIENT_POINTS';

/** Admin definition of a template (upsert by templateId). */
export interface CouponTemplateInput {
  /** 1-20 of a-z, 0-9, _ or -; chosen by the admin, so a retried upsert is harmless. */
  templateId: string;
  title: string;
  description?: string;
  benefit: CouponBenefit;
  /** Units shoppers may claim in total (grants by group-buy/referral do not consume it). */
  totalStock: number;
  /** Coupons of this template one member may claim in total (1-99). */
  perMemberLimit: number;
  claimWindow: { from: string; until: string };
  validity: CouponValidity;
  /** Tiers allowed to claim; empty = every tier. */
  tiers: TierCode[];
  /** Whether it may be combined with other coupons on one order. */
  stackable: boolean;
  /** Points exchanged per claim (0 = free). */
  pointsPrice: number;
  /** 'public': listed in the claim centre; 'hidden': only granted (group-buy entitlement, referral reward). */
  visibility: 'public' | 'hidden';
  /** false withdraws it from the claim centre; issued coupons stay valid. */
  active: boolean;
}

export interface CouponTemplateView {
  templateId: string;
  title: string;
  description: string;
  benefit: CouponBenefit;
  totalStock: number;
  remainingStock: number;
  perMemberLimit: number;
  claimWindow: { from: string; until: string };
  validity: CouponValidity;
  tiers: TierCode[];
  stackable: boolean;
  pointsPrice: number;
  visibility: 'public' | 'hidden';
  active: boolean;
}

/** A template as the claim centre shows it to one member. */
export interface ClaimableTemplate extends CouponTemplateView {
  claimable: boolean;
  reason: ClaimRefusal | null;
  claimedByMe: number;
}

export type CouponStatus = 'usable' | 'used' | 'expired';

export interface CouponView {
  couponId: string;
  templateId: string;
  title: string;
  description: string;
  benefit: CouponBenefit;
  stackable: boolean;
  source: CouponSource;
  status: CouponStatus;
  claimedAt: string;
  validFrom: string;
  expiresAt: string;
  /** Usable and expiring within 3 days. */
  expiringSoon: boolean;
  /** Usable but its validity has not started yet (fixed dates in the future). */
  notYetValid: boolean;
  usedAt: string | null;
}

/** The coupon wallet: usable (expiring soonest first), used (newest first), expired (newest first). */
export interface CouponWallet {
  usable: CouponView[];
  used: CouponView[];
  expired: CouponView[];
}

/** What the till shows for one of the member's usable coupons at a given amount. */
export interface TillCouponView extends CouponView {
  /** Discount for the given amount, null when no amount was given or the coupon does not apply. */
  discountFen: number | null;
  applicable: boolean;
  /** Error code that redeeming it now would get (e.g. COUPON_THRESHOLD_NOT_MET), null when applicable. */
  refusal: string | null;
}

export interface CouponRedemptionReceipt {
  couponId: string;
  orderNo: string;
  title: string;
  kind: CouponKind;
  /** The order amount before any coupon. */
  amountFen: number;
  /** Taken off by this coupon. */
  discountFen: number;
  /** Taken off by every coupon on this order so far. */
  orderDiscountFen: number;
  /** What the shopper pays after every coupon on this order so far; record the purchase with this. */
  payableFen: number;
  giftLabel: string | null;
  freeShipping: boolean;
  redeemedAt: string;
}

export interface CouponApi {
  /** Shopper: public templates currently listed, each with whether and why (not) claimable. */
  listTemplates: { request: Record<string, never>; response: { templates: ClaimableTemplate[] } };
  /**
   * Any WeChat user, member or not: the claim centre as a newcomer would see it on joining (lowest
   * tier, no points, nothing claimed yet); nothing about the caller. Claiming still needs a card.
   */
  browseTemplates: { request: Record<string, never>; response: { templates: ClaimableTemplate[] } };
  /**
   * Shopper: claims one coupon; exchanges `pointsPrice` points atomically when the template has a price.
   * A retry with the same `requestKey` answers with the coupon of the first claim instead of claiming again.
   */
  claim: { request: { templateId: string; requestKey?: string }; response: { coupon: CouponView; pointsSpent: number } };
  /** Shopper: own coupons grouped usable / used / expired. */
  wallet: { request: Record<string, never>; response: CouponWallet };
  /** Admin: creates or replaces a template (issued counts are kept). */
  upsertTemplate: { request: CouponTemplateInput; response: { template: CouponTemplateView } };
  /** Admin: every template, newest first. */
  listAllTemplates: { request: Record<string, never>; response: { templates: CouponTemplateView[] } };
  /**
   * Admin (repair after a crash): sets the template's claimed count to the coupons its claims issued,
   * once no claim can still be in flight (`settled`); never above stock.
   */
  reconcileClaimed: { request: { templateId: string }; response: ClaimedRepair };
}

/** The outcome of `reconcileClaimed`. */
export interface ClaimedRepair {
  templateId: string;
  claimed: number;
  issued: number;
  repaired: number;
  settled: boolean;
}
