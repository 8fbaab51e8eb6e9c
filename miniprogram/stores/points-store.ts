import { makeAutoObservable, observable, runInAction } from 'mobx-miniprogram';
import type { LedgerEntryView } from '../../typings/domain';
import { userMessageOf } from '../services/api-error';
import { call } from '../services/client';

export const LEDGER_PAGE_SIZE = 20;

/** A page the store appended: the view sends only these rows (`rows[start + i]`). */
export interface LedgerPage {
  start: number;
  items: LedgerEntryView[];
}

/** The points history, loaded page by page with the server's cursor. */
export class PointsStore {
  items: LedgerEntryView[] = [];
  cursor: string | null = null;
  hasMore = true;
  loading = false;
  error = '';

  constructor() {
    // `items` is shallow: entries are immutable values, only the list grows.
    makeAutoObservable(this, { items: observable.shallow }, { autoBind: true });
  }

  reset(): void {
    this.items = [];
    this.cursor = null;
    this.hasMore = true;
    this.loading = false;
    this.error = '';
  }

  get empty(): boolean {
    return !this.loading && this.items.length === 0 && !this.hasMore;
  }

  /** Starts over from the newest entry. */
  async refresh(): Promise<LedgerPage | null> {
    this.items = [];
    this.cursor = null;
    this.hasMore = true;
    return this.loadMore();
  }

  /** Appends the next page; null when nothing was loaded (already loading, at the end, or failed). */
  async loadMore(): Promise<LedgerPage | null> {
    if (this.loading || !this.hasMore) return null;
    this.loading = true;
    try {
      const { items, nextCursor } = await call('points', 'history', { limit: LEDGER_PAGE_SIZE, ...(this.cursor ? { cursor: this.cursor } : {}) });
      return runInAction(() => {
        const start = this.items.length;
        this.items.push(...items);
        this.cursor = nextCursor;
        this.hasMore = nextCursor !== null;
        this.loading = false;
        this.error = '';
        return { start, items };
      });
    } catch (error) {
      runInAction(() => {
        this.loading = false;
        this.error = userMessageOf(error);
      });
      return null;
    }
  }
}

export const pointsStore = new PointsStore();
