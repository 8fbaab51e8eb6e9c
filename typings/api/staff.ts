import type { MemberSummary, TierChange } from '../domain';
import type { CouponRedemptionReceipt, TillCouponView } from './coupon';

export interface StaffProfile {
  staffId: string;
  name: string;
  role: StaffRole;
  storeId: string;
  storeName: string;
}

export type StaffRole = 'cashier' | 'manager';

export interface StaffApi {
  me: { request: Record<string, never>; response: StaffProfile };
  /** Verifies a scanned member code and opens a short till session bound to that member. */
  scan: { request: { code: string }; response: { sessionId: string; sessionExpiresAt: string; member: MemberSummary } };
  /**
   * When the camera fails: the card number plus the 6-digit confirmation code the member reads
   * out from their card page (their consent). Opens the same till session as a scan; failures
   * count against the staff member's manual-entry limit, every attempt is audited.
   */
  manualEntry: { request: { cardNo: string; confirmCode: string }; response: { sessionId: string; sessionExpiresAt: string; member: MemberSummary } };
  recordPurchase: {
    request: { sessionId: string; orderNo: string; amountFen: number };
    response: PurchaseReceipt;
  };
  /**
   * Refunds an order of the scanned member (till session). Cashiers: orders of their own store;
   * managers: any store's. Counts against the daily refundFenPerDay limit.
   */
  recordRefund: {
    request: { sessionId: string; orderNo: string; refundNo: string; amountFen: number };
    response: RefundReceipt;
  };
  /** Managers only: goodwill points for the scanned member, within the daily pointsAdjustedPerDay limit. */
  adjustPoints: {
    request: { sessionId: string; points: number; reason: string; key: string };
    response: { memberId: string; delta: number; balance: number };
  };
  /** The scanned member's usable coupons; with `amountFen`, each with its discount for that amount. */
  memberCoupons: { request: { sessionId: string; amountFen?: number }; response: { coupons: TillCouponView[] } };
  /**
   * Redeems one coupon of the scanned member against an order (before recording the purchase for
   * the returned `payableFen`). Retrying with the same coupon and order returns the first receipt.
   */
  redeemCoupon: {
    request: { sessionId: string; couponId: string; orderNo: string; amountFen: number };
    response: CouponRedemptionReceipt;
  };
}

export interface PurchaseReceipt {
  orderNo: string;
  amountFen: number;
  pointsEarned: number;
  /** Part of pointsEarned used to repay an earlier refund debt. */
  debtRepaid: number;
  pointsPendingUntil: string | null;
  growthAdded: number;
  tierChange: TierChange | null;
  member: MemberSummary;
}

export interface RefundReceipt {
  orderNo: string;
  refundNo: string;
  amountFen: number;
  orderRefundedFen: number;
  pointsReversed: number;
  /** Points that could not be clawed back because they were spent; repaid from future earning. */
  debtAdded: number;
  growthReversed: number;
}
