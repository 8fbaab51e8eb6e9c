import { makeAutoObservable, observable, runInAction } from 'mobx-miniprogram';
import type { ClaimableTemplate, CouponView, CouponWallet } from '../../typings/api';
import { isApiError, userMessageOf } from '../services/api-error';
import { call } from '../services/client';
import { loadInto, differs } from '../utils/remote-load';
import { newRequestKey } from '../utils/request-key';
import { couponRow, templateRow, usableFirstExpiring, type CouponRow, type TemplateRow } from '../utils/coupon-view';

const EMPTY_WALLET: CouponWallet = { usable: [], used: [], expired: [] };

/** The claim result the page reports (free claim or points exchange). */
export interface ClaimResult {
  coupon: CouponView;
  pointsSpent: number;
}

/** Claim centre and wallet. Lists are replaced only when the server's answer differs. */
export class CouponStore {
  templates: ClaimableTemplate[] = [];
  wallet: CouponWallet = EMPTY_WALLET;
  loading = false;
  /** Template being claimed (its button is disabled meanwhile). */
  claiming = '';
  error = '';

  constructor() {
    makeAutoObservable(this, { templates: observable.ref, wallet: observable.ref, pendingKeys: false }, { autoBind: true });
  }

  reset(): void {
    this.pendingKeys.clear();
    this.templates = [];
    this.wallet = EMPTY_WALLET;
    this.loading = false;
    this.claiming = '';
    this.error = '';
  }

  get templateRows(): TemplateRow[] {
    return this.templates.map(templateRow);
  }
  get usableRows(): CouponRow[] {
    return usableFirstExpiring(this.wallet.usable).map(couponRow);
  }
  get usedRows(): CouponRow[] {
    return this.wallet.used.map(couponRow);
  }
  get expiredRows(): CouponRow[] {
    return this.wallet.expired.map(couponRow);
  }

  couponById(couponId: string): CouponView | null {
    const { usable, used, expired } = this.wallet;
    return [...usable, ...used, ...expired].find((c) => c.couponId === couponId) ?? null;
  }

  async load(): Promise<void> {
    await loadInto(this, () => Promise.all([call('coupon', 'listTemplates', {}), call('coupon', 'wallet', {})]), ([{ templates }, wallet]) => {
      if (differs(this.templates, templates)) this.templates = templates;
      if (differs(this.wallet, wallet)) this.wallet = wallet;
    });
  }

  /** Claims one coupon (exchanging points when the template has a price), then reloads both lists. */
  /** Keys of claims that got no answer (network): the next tap on that template resends the same key. */
  pendingKeys = new Map<string, string>();

  async claim(templateId: string): Promise<ClaimResult | null> {
    if (this.claiming) return null;
    this.claiming = templateId;
    this.error = '';
    const requestKey = this.pendingKeys.get(templateId) ?? newRequestKey();
    this.pendingKeys.set(templateId, requestKey);
    try {
      const result = await call('coupon', 'claim', { templateId, requestKey });
      this.pendingKeys.delete(templateId);
      runInAction(() => {
        this.claiming = '';
      });
      await this.load();
      return result;
    } catch (error) {
      // The server answered (any code): that claim is settled. No answer: it may have landed, so keep the key.
      if (!(isApiError(error) && error.code === 'NETWORK')) this.pendingKeys.delete(templateId);
      runInAction(() => {
        this.claiming = '';
        this.error = userMessageOf(error);
      });
      return null;
    }
  }
}

export const couponStore = new CouponStore();
