import { makeAutoObservable, observable, runInAction } from 'mobx-miniprogram';
import type { CouponRedemptionReceipt, PurchaseReceipt, RefundReceipt, StaffProfile, TillCouponView } from '../../typings/api';
import type { MemberSummary } from '../../typings/domain';
import { isApiError, userMessageOf } from '../services/api-error';
import { call } from '../services/client';
import { redemptionLines, tillCouponRow, type TillCouponRow } from '../utils/till-coupon-view';

export type StaffAccess = 'unknown' | 'checking' | 'staff' | 'denied';

export interface TillSession {
  sessionId: string;
  expiresAt: string;
  member: MemberSummary;
}

export interface PurchaseInput {
  orderNo: string;
  amountFen: number;
}

export interface RedeemInput {
  couponId: string;
  orderNo: string;
  amountFen: number;
}

export interface RefundInput {
  orderNo: string;
  refundNo: string;
  amountFen: number;
}

/**
 * The till. A purchase or refund that failed without an answer (network) stays `pending*` so the
 * retry sends the same order/refund number: the number is the idempotency key, a new one would
 * record the sale twice.
 */
export class StaffStore {
  me: StaffProfile | null = null;
  access: StaffAccess = 'unknown';
  session: TillSession | null = null;
  purchaseReceipt: PurchaseReceipt | null = null;
  refundReceipt: RefundReceipt | null = null;
  pendingPurchase: PurchaseInput | null = null;
  pendingRefund: RefundInput | null = null;
  /** The scanned member's usable coupons (priced for `couponsAmountFen` when set). */
  coupons: TillCouponView[] = [];
  couponsLoaded = false;
  redemptionReceipt: CouponRedemptionReceipt | null = null;
  pendingRedemption: RedeemInput | null = null;
  busy = false;
  error = '';

  constructor() {
    makeAutoObservable(this, { coupons: observable.ref }, { autoBind: true });
  }

  reset(): void {
    this.me = null;
    this.access = 'unknown';
    this.endSession();
    this.refundReceipt = null;
    this.pendingRefund = null;
    this.busy = false;
  }

  get isStaff(): boolean {
    return this.access === 'staff';
  }

  get couponRows(): TillCouponRow[] {
    return this.coupons.map(tillCouponRow);
  }

  get redemptionText(): string[] {
    return this.redemptionReceipt ? redemptionLines(this.redemptionReceipt) : [];
  }

  async checkAccess(): Promise<boolean> {
    if (this.access === 'staff') return true;
    this.access = 'checking';
    try {
      const me = await call('staff', 'me', {});
      runInAction(() => {
        this.me = me;
        this.access = 'staff';
        this.error = '';
      });
      return true;
    } catch (error) {
      runInAction(() => {
        this.me = null;
        const refused = isApiError(error) && (error.code === 'NOT_STAFF' || error.code === 'FORBIDDEN');
        this.access = refused ? 'denied' : 'unknown';
        this.error = userMessageOf(error);
      });
      return false;
    }
  }

  private async run<T>(work: () => Promise<T>): Promise<T | null> {
    this.busy = true;
    this.error = '';
    try {
      const value = await work();
      runInAction(() => {
        this.busy = false;
      });
      return value;
    } catch (error) {
      runInAction(() => {
        this.busy = false;
        this.error = userMessageOf(error);
        if (isApiError(error) && error.code === 'SESSION_INVALID') this.session = null;
      });
      return null;
    }
  }

  async scan(code: string): Promise<boolean> {
    return this.identify(() => call('staff', 'scan', { code }));
  }

  /** When the camera fails: the card number and the confirmation code the member reads out. */
  async manualEntry(cardNo: string, confirmCode: string): Promise<boolean> {
    return this.identify(() => call('staff', 'manualEntry', { cardNo, confirmCode }));
  }

  private async identify(open: () => Promise<{ sessionId: string; sessionExpiresAt: string; member: TillSession['member'] }>): Promise<boolean> {
    this.session = null;
    this.purchaseReceipt = null;
    this.refundReceipt = null;
    this.pendingPurchase = null;
    this.clearCoupons();
    const result = await this.run(open);
    if (!result) return false;
    runInAction(() => {
      this.session = { sessionId: result.sessionId, expiresAt: result.sessionExpiresAt, member: result.member };
    });
    return true;
  }

  async recordPurchase(input: PurchaseInput): Promise<boolean> {
    const session = this.session;
    if (!session) {
      this.error = '请先扫描会员码';
      return false;
    }
    this.pendingPurchase = input;
    try {
      this.busy = true;
      this.error = '';
      const receipt = await call('staff', 'recordPurchase', { sessionId: session.sessionId, ...input });
      runInAction(() => {
        this.busy = false;
        this.purchaseReceipt = receipt;
        this.pendingPurchase = null;
        if (this.session) this.session = { ...this.session, member: receipt.member };
      });
      return true;
    } catch (error) {
      runInAction(() => {
        this.busy = false;
        this.error = userMessageOf(error);
        // Only an unanswered call may have been recorded: keep its key for the retry.
        if (!(isApiError(error) && error.code === 'NETWORK')) this.pendingPurchase = null;
        if (isApiError(error) && error.code === 'SESSION_INVALID') this.session = null;
      });
      return false;
    }
  }

  /** Refunds need a till session too: the order must be the scanned member's (and, for cashiers, this store's). */
  async recordRefund(input: RefundInput): Promise<boolean> {
    const session = this.session;
    if (!session) {
      this.error = '请先扫描会员码';
      return false;
    }
    this.pendingRefund = input;
    try {
      this.busy = true;
      this.error = '';
      const receipt = await call('staff', 'recordRefund', { sessionId: session.sessionId, ...input });
      runInAction(() => {
        this.busy = false;
        this.refundReceipt = receipt;
        this.pendingRefund = null;
      });
      return true;
    } catch (error) {
      runInAction(() => {
        this.busy = false;
        this.error = userMessageOf(error);
        if (!(isApiError(error) && error.code === 'NETWORK')) this.pendingRefund = null;
        if (isApiError(error) && error.code === 'SESSION_INVALID') this.session = null;
      });
      return false;
    }
  }

  /** Lists the scanned member's usable coupons, each with its discount when `amountFen` is given. */
  async loadCoupons(amountFen?: number): Promise<boolean> {
    const session = this.session;
    if (!session) {
      this.error = '请先扫描会员码';
      return false;
    }
    const result = await this.run(() => call('staff', 'memberCoupons', { sessionId: session.sessionId, ...(amountFen === undefined ? {} : { amountFen }) }));
    if (!result) return false;
    runInAction(() => {
      this.coupons = result.coupons;
      this.couponsLoaded = true;
    });
    return true;
  }

  /**
   * Redeems a coupon against an order before the purchase is recorded (for the receipt's
   * `payableFen`). Like a purchase, an unanswered call keeps its input: the retry sends the same
   * coupon and order number, and the server returns the first receipt.
   */
  async redeemCoupon(input: RedeemInput): Promise<CouponRedemptionReceipt | null> {
    const session = this.session;
    if (!session) {
      this.error = '请先扫描会员码';
      return null;
    }
    this.pendingRedemption = input;
    try {
      this.busy = true;
      this.error = '';
      const receipt = await call('staff', 'redeemCoupon', { sessionId: session.sessionId, ...input });
      runInAction(() => {
        this.busy = false;
        this.redemptionReceipt = receipt;
        this.pendingRedemption = null;
        this.coupons = this.coupons.filter((c) => c.couponId !== receipt.couponId);
      });
      return receipt;
    } catch (error) {
      runInAction(() => {
        this.busy = false;
        this.error = userMessageOf(error);
        if (!(isApiError(error) && error.code === 'NETWORK')) this.pendingRedemption = null;
        if (isApiError(error) && error.code === 'SESSION_INVALID') this.session = null;
      });
      return null;
    }
  }

  private clearCoupons(): void {
    this.coupons = [];
    this.couponsLoaded = false;
    this.redemptionReceipt = null;
    this.pendingRedemption = null;
  }

  /** Re-sends the unanswered redemption/purchase/refund with the same keys. */
  async retryPending(): Promise<boolean> {
    if (this.pendingRedemption) return (await this.redeemCoupon(this.pendingRedemption)) !== null;
    if (this.pendingPurchase) return this.recordPurchase(this.pendingPurchase);
    if (this.pendingRefund) return this.recordRefund(this.pendingRefund);
    return false;
  }

  endSession(): void {
    this.session = null;
    this.purchaseReceipt = null;
    this.pendingPurchase = null;
    this.clearCoupons();
    this.error = '';
  }
}

export const staffStore = new StaffStore();
