import { makeAutoObservable, observable, runInAction } from 'mobx-miniprogram';
import type { ClaimableTemplate, CouponView, CouponWallet } from '../../typings/api';
import { isApiError, userMessageOf } from '../services/api-error';
import { call } from '../services/client';
import { asMemberOrVisitor } from '../services/visitor-fallback';
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
  /** No card yet: the claim centre as a newcomer sees it (coupon.browseTemplates), no wallet. */
  visitor = false;

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
    this.visitor = false;
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
    const member = () => Promise.all([call('coupon', 'listTemplates', {}), call('coupon', 'wallet', {})]);
    const visitor = async () => [await call('coupon', 'browseTemplates', {}), EMPTY_WALLET] as const;
    await loadInto(this, () => asMemberOrVisitor(member, visitor), ({ value: [{ templates }, wallet], visitor: isVisitor }) => {
      if (differs(this.templates, templates)) this.templates = templates;
      if (differs(this.wallet, wallet)) this.wallet = wallet;
      this.visitor = isVisitor;
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
