import { makeAutoObservable, observable, runInAction } from 'mobx-miniprogram';
import type { InboxItem, KindStatus, SubscriptionKind } from '../../typings/api/notify';
import { userMessageOf } from '../services/api-error';
import { call } from '../services/client';
import { reportChoicesToPlatform } from '../services/subscribe-platform';
import { choicesOf, KIND_LABELS } from '../utils/notify-labels';
import { differs, loadInto } from '../utils/remote-load';

export interface KindRow extends KindStatus {
  label: string;
}

/** Subscription messages (what the member accepted, which kinds they stopped) and the 消息中心 inbox. */
export class NotifyStore {
  kinds: KindStatus[] = [];
  kindsLoaded = false;
  /** Set by the first subscribe button shown, so a page full of them asks the server once. */
  kindsRequested = false;
  items: InboxItem[] = [];
  unread = 0;
  next: string | null = null;
  inboxLoaded = false;
  loading = false;
  error = '';

  constructor() {
    makeAutoObservable(this, { kinds: observable.ref, items: observable.ref }, { autoBind: true });
  }

  reset(): void {
    this.kinds = [];
    this.kindsLoaded = false;
    this.kindsRequested = false;
    this.items = [];
    this.unread = 0;
    this.next = null;
    this.inboxLoaded = false;
    this.loading = false;
    this.error = '';
  }

  get rows(): KindRow[] {
    return this.kinds.filter((k) => k.templateId !== null).map((k) => ({ ...k, label: KIND_LABELS[k.kind] }));
  }

  get inboxEmpty(): boolean {
    return this.inboxLoaded && !this.loading && !this.error && this.items.length === 0;
  }

  /** Loads the kinds once for the subscribe buttons (a failed load is retried by the next tap). */
  ensureKinds(): void {
    if (this.kindsRequested) return;
    this.kindsRequested = true;
    void this.loadKinds();
  }

  async loadKinds(): Promise<void> {
    await loadInto(this, () => call('notify', 'subscriptions', {}), ({ kinds }) => {
      if (differs(this.kinds, kinds)) this.kinds = kinds;
      this.kindsLoaded = true;
    });
  }

  /**
   * Asks WeChat to show the subscription prompt. Call it only from a tap handler, synchronously:
   * WeChat shows the prompt only in answer to the user's tap (“只能在用户点击行为后调用”), so the
   * template ids must already be loaded (loadKinds) when the tap comes.
   */
  subscribe(kinds: readonly SubscriptionKind[]): void {
    const tmplIds = this.kinds.filter((k) => kinds.includes(k.kind) && k.templateId !== null).map((k) => k.templateId as string);
    if (tmplIds.length === 0) {
      wx.showToast({ title: this.kindsLoaded ? '暂未开通消息提醒' : '请稍后再试', icon: 'none' });
      if (!this.kindsLoaded) void this.loadKinds();
      return;
    }
    wx.requestSubscribeMessage({
      tmplIds,
      success: (res) => void this.recordChoices(res as unknown as Record<string, unknown>),
      fail: () => wx.showToast({ title: '订阅未完成', icon: 'none' }),
    });
  }

  /** Sends the prompt's result to both sides: the platform's record (emulator only) and ours. */
  async recordChoices(result: Record<string, unknown>): Promise<void> {
    const choices = choicesOf(result);
    if (Object.keys(choices).length === 0) return;
    try {
      const [, answer] = await Promise.all([reportChoicesToPlatform(result), call('notify', 'recordChoices', { choices })]);
      runInAction(() => {
        this.kinds = answer.kinds;
      });
      if (Object.values(choices).includes('accept')) wx.showToast({ title: '订阅成功', icon: 'success' });
    } catch (error) {
      wx.showToast({ title: userMessageOf(error), icon: 'none' });
    }
  }

  async setOptOut(kind: SubscriptionKind, optedOut: boolean): Promise<void> {
    await loadInto(this, () => call('notify', 'setOptOut', { kind, optedOut }), ({ kinds }) => {
      this.kinds = kinds;
    });
  }

  async loadInbox(): Promise<void> {
    await loadInto(this, () => call('notify', 'inbox', {}), (page) => {
      if (differs(this.items, page.items)) this.items = page.items;
      this.unread = page.unread;
      this.next = page.next;
      this.inboxLoaded = true;
    });
  }

  async loadMore(): Promise<void> {
    if (!this.next || this.loading) return;
    const before = this.next;
    await loadInto(this, () => call('notify', 'inbox', { before }), (page) => {
      this.items = [...this.items, ...page.items];
      this.next = page.next;
      this.unread = page.unread;
    });
  }

  async markRead(ids?: string[]): Promise<void> {
    await loadInto(this, () => call('notify', 'markRead', ids ? { ids } : {}), ({ unread }) => {
      this.items = this.items.map((i) => (!ids || ids.includes(i.id) ? { ...i, read: true } : i));
      this.unread = unread;
    });
  }
}

export const notifyStore = new NotifyStore();
