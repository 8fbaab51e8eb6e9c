import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { PurchaseReceipt, RefundReceipt, StaffProfile } from '../../typings/api';
import type { MemberSummary } from '../../typings/domain';
import { isApiError, userMessageOf } from '../services/api-error';
import { call } from '../services/client';

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
  busy = false;
  error = '';

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true });
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
    this.session = null;
    this.purchaseReceipt = null;
    this.refundReceipt = null;
    this.pendingPurchase = null;
    const result = await this.run(() => call('staff', 'scan', { code }));
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

  async recordRefund(input: RefundInput): Promise<boolean> {
    this.pendingRefund = input;
    try {
      this.busy = true;
      this.error = '';
      const receipt = await call('staff', 'recordRefund', input);
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
      });
      return false;
    }
  }

  /** Re-sends the unanswered purchase/refund with the same keys. */
  async retryPending(): Promise<boolean> {
    if (this.pendingPurchase) return this.recordPurchase(this.pendingPurchase);
    if (this.pendingRefund) return this.recordRefund(this.pendingRefund);
    return false;
  }

  endSession(): void {
    this.session = null;
    this.purchaseReceipt = null;
    this.pendingPurchase = null;
    this.error = '';
  }
}

export const staffStore = new StaffStore();
