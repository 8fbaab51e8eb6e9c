import { makeAutoObservable, observable, runInAction } from 'mobx-miniprogram';
import type { FeedbackCategory, FeedbackView, NpsPrompt } from '../../typings/api';
import { userMessageOf } from '../services/api-error';
import { call } from '../services/client';
import { feedbackRow, type FeedbackRow } from '../utils/feedback-view';
import { differs, loadInto } from '../utils/remote-load';
import { newRequestKey } from '../utils/request-key';

export interface FeedbackDraft {
  category: FeedbackCategory;
  text: string;
  orderNo: string;
}

/** The member's feedback (filed, followed) and the NPS question after a purchase. */
export class FeedbackStore {
  items: FeedbackView[] = [];
  loading = false;
  submitting = false;
  error = '';
  nps: NpsPrompt | null = null;
  /** Key of a submission that got no answer: resending the same draft reuses it. */
  private pendingKey: { draft: string; key: string } | null = null;

  constructor() {
    makeAutoObservable<this, 'pendingKey'>(this, { items: observable.ref, pendingKey: false }, { autoBind: true });
  }

  reset(): void {
    this.items = [];
    this.loading = false;
    this.submitting = false;
    this.error = '';
    this.nps = null;
    this.pendingKey = null;
  }

  get rows(): FeedbackRow[] {
    return this.items.map(feedbackRow);
  }
  get npsDue(): boolean {
    return Boolean(this.nps?.due);
  }

  async loadMine(): Promise<void> {
    await loadInto(this, () => call('feedback', 'mine', {}), ({ items }) => {
      if (differs(this.items, items)) this.items = items;
    });
  }

  async submit(draft: FeedbackDraft): Promise<boolean> {
    if (this.submitting) return false;
    const fingerprint = JSON.stringify(draft);
    const requestKey = this.pendingKey?.draft === fingerprint ? this.pendingKey.key : newRequestKey();
    this.pendingKey = { draft: fingerprint, key: requestKey };
    this.submitting = true;
    this.error = '';
    try {
      const orderNo = draft.orderNo.trim();
      await call('feedback', 'submit', { category: draft.category, text: draft.text.trim(), requestKey, ...(orderNo ? { orderNo } : {}) });
      runInAction(() => {
        this.pendingKey = null;
        this.submitting = false;
      });
      await this.loadMine();
      return true;
    } catch (error) {
      runInAction(() => {
        this.submitting = false;
        this.error = userMessageOf(error);
      });
      return false;
    }
  }

  /** Never blocks the card: a failure only means no question this time. */
  async checkNps(): Promise<void> {
    try {
      const nps = await call('feedback', 'npsPrompt', {});
      runInAction(() => {
        this.nps = nps;
      });
    } catch {
      runInAction(() => {
        this.nps = null;
      });
    }
  }

  async answerNps(score: number): Promise<void> {
    runInAction(() => {
      this.nps = null;
    });
    await call('feedback', 'answerNps', { score }).catch(() => undefined);
  }

  async dismissNps(): Promise<void> {
    runInAction(() => {
      this.nps = null;
    });
    await call('feedback', 'dismissNps', {}).catch(() => undefined);
  }
}

export const feedbackStore = new FeedbackStore();
