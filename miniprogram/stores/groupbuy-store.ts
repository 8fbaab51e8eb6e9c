import { makeAutoObservable, observable, runInAction } from 'mobx-miniprogram';
import type { GroupDealView, GroupView } from '../../typings/api';
import type { JoinReceipt } from '../../typings/api/groupbuy';
import { userMessageOf } from '../services/api-error';
import { isApiError } from '../services/api-error';
import { call } from '../services/client';
import { asMemberOrVisitor } from '../services/visitor-fallback';
import { requestPayment } from '../services/payment';
import { loadInto, differs } from '../utils/remote-load';
import { dealRow, type DealRow } from '../utils/groupbuy-view';

/**
 * Group-buy deals (bound by the list) and the group calls. A group is returned to the page that
 * asked for it rather than kept here: two group pages may be open on the page stack at once.
 */
export class GroupbuyStore {
  deals: GroupDealView[] = [];
  loading = false;
  busy = false;
  error = '';
  /** No card yet: deals come from groupbuy.browseDeals, and starting or joining asks to join first. */
  visitor = false;

  constructor() {
    makeAutoObservable(this, { deals: observable.ref }, { autoBind: true });
  }

  reset(): void {
    this.deals = [];
    this.loading = false;
    this.busy = false;
    this.error = '';
    this.visitor = false;
  }

  get dealRows(): DealRow[] {
    return this.deals.map(dealRow);
  }

  get empty(): boolean {
    return !this.loading && !this.error && this.deals.length === 0;
  }

  dealById(dealId: string): GroupDealView | null {
    return this.deals.find((d) => d.dealId === dealId) ?? null;
  }

  async loadDeals(): Promise<void> {
    const member = () => call('groupbuy', 'listDeals', {});
    const visitor = () => call('groupbuy', 'browseDeals', {});
    await loadInto(this, () => asMemberOrVisitor(member, visitor), ({ value: { deals }, visitor: isVisitor }) => {
      if (differs(this.deals, deals)) this.deals = deals;
      this.visitor = isVisitor;
    });
  }

  private async run(work: () => Promise<GroupView>): Promise<GroupView | null> {
    this.busy = true;
    this.error = '';
    try {
      const group = await work();
      runInAction(() => {
        this.busy = false;
      });
      return group;
    } catch (error) {
      runInAction(() => {
        this.busy = false;
        // A visitor reaching a member-only call (a shared group link): the page offers to join.
        if (isApiError(error) && error.code === 'NOT_REGISTERED') this.visitor = true;
        this.error = userMessageOf(error);
      });
      return null;
    }
  }

  group(groupId: string): Promise<GroupView | null> {
    return this.run(() => call('groupbuy', 'group', { groupId }));
  }

  /** Re-reads a group after a refused join, keeping the refusal's message on screen. */
  async refreshGroup(groupId: string): Promise<GroupView | null> {
    try {
      return await call('groupbuy', 'group', { groupId });
    } catch {
      return null;
    }
  }

  /**
   * A seat is a purchase: the server holds it and answers the payment to make; WeChat's payment
   * sheet opens, and the group is read again (paid once WeChat Pay's notification has arrived).
   */
  private paid(take: () => Promise<JoinReceipt>): Promise<GroupView | null> {
    return this.run(async () => {
      const receipt = await take();
      const done = await requestPayment(receipt.payment);
      return done ? call('groupbuy', 'group', { groupId: receipt.groupId }) : receipt;
    });
  }

  /** Starts a group as its leader; the deals are reloaded (groups left, my group). */
  async start(dealId: string): Promise<GroupView | null> {
    const group = await this.paid(() => call('groupbuy', 'start', { dealId }));
    if (group) void this.loadDeals();
    return group;
  }

  join(groupId: string): Promise<GroupView | null> {
    return this.paid(() => call('groupbuy', 'join', { groupId }));
  }

  /** The payment for the member's held seat again. */
  pay(groupId: string): Promise<GroupView | null> {
    return this.paid(() => call('groupbuy', 'pay', { groupId }));
  }
}

export const groupbuyStore = new GroupbuyStore();
