import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { GroupView } from '../../../typings/api';
import { groupbuyStore } from '../../stores/groupbuy-store';
import { countdownText, dealRow, groupDetail, groupSharePath, type DealRow, type GroupDetail } from '../../utils/groupbuy-view';
import { startTicker, stopTicker } from '../../utils/ticker';
import { askToJoin } from '../../utils/join-prompt';
import { toastOk } from '../../utils/toast';

type View = 'deals' | 'deal' | 'group';

/**
 * Group-buy, one page in three views chosen by the query: the deals list (no query), a deal
 * (`dealId`: start a group) and a group (`groupId`: members, slots left, countdown, join, share).
 * A shared link opens the group view. The countdown ticks every second and sends only its text.
 */
ComponentWithStore({
  storeBindings: {
    store: groupbuyStore,
    fields: ['dealRows', 'loading', 'busy', 'error', 'empty'],
    actions: [],
  },
  data: { view: 'deals' as View, dealId: '', deal: null as DealRow | null, group: null as GroupDetail | null, countdown: '' },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      if (query.groupId) {
        this.setData({ view: 'group' });
        void this.loadGroup(decodeURIComponent(query.groupId));
      } else if (query.dealId) {
        this.setData({ view: 'deal', dealId: decodeURIComponent(query.dealId) });
        void this.loadDeal();
      }
    },
    onShow() {
      // The list loads on every show (back from a group, "my group" and groups left may have
      // changed); a group shown before a hide is re-read and its countdown restarted.
      if (this.data.view === 'deals') void groupbuyStore.loadDeals();
      if (this.data.view === 'group' && this.data.group) void this.loadGroup(this.data.group.id);
    },
    onHide() {
      stopTicker(this);
    },
    onUnload() {
      stopTicker(this);
    },
    async onPullDownRefresh() {
      if (this.data.view === 'group' && this.data.group) await this.loadGroup(this.data.group.id);
      else if (this.data.view === 'deal') await this.loadDeal();
      else await groupbuyStore.loadDeals();
      wx.stopPullDownRefresh();
    },
    /** Shows the deal from the list already loaded at once, then as the server has it now. */
    async loadDeal() {
      const cached = groupbuyStore.dealById(this.data.dealId);
      if (cached) this.setData({ deal: dealRow(cached) });
      await groupbuyStore.loadDeals();
      const deal = groupbuyStore.dealById(this.data.dealId);
      if (!deal) this.setData({ deal: null });
      else if (deal !== cached) this.setData({ deal: dealRow(deal) });
    },
    async loadGroup(groupId: string) {
      const group = await groupbuyStore.group(groupId);
      if (group) this.showGroup(group);
    },
    /** Shows a group and (re)starts its countdown while it is open. */
    showGroup(group: GroupView) {
      const detail = groupDetail(group);
      this.setData({ view: 'group', group: detail, countdown: countdownText(detail.expiresAt, Date.now()) });
      if (detail.status === 'open') startTicker(this, 1000, () => this.tick());
      else stopTicker(this);
    },
    tick() {
      const group = this.data.group;
      if (!group) return;
      const countdown = countdownText(group.expiresAt, Date.now());
      if (countdown !== this.data.countdown) this.setData({ countdown });
      if (countdown === '已结束') stopTicker(this);
    },
    onDeal(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/groupbuy/index?dealId=${encodeURIComponent(String(e.currentTarget.dataset.id))}` });
    },
    onMyGroup() {
      const deal = this.data.deal;
      if (deal?.myGroupId) wx.navigateTo({ url: groupSharePath(deal.myGroupId) });
    },
    async onStart() {
      const deal = this.data.deal;
      if (!deal || groupbuyStore.busy) return;
      if (groupbuyStore.visitor) {
        askToJoin('发起拼团');
        return;
      }
      const group = await groupbuyStore.start(deal.id);
      if (!group) return;
      toastOk('开团成功');
      this.setData({ deal: { ...deal, myGroupId: group.groupId } });
      this.showGroup(group);
    },
    /** Pays for the member's held seat again (the payment sheet was closed). */
    async onPay() {
      const group = this.data.group;
      if (!group || groupbuyStore.busy) return;
      const now = await groupbuyStore.pay(group.id);
      if (now) this.showGroup(now);
    },
    async onJoin() {
      const group = this.data.group;
      if (!group || groupbuyStore.busy) return;
      if (groupbuyStore.visitor) {
        askToJoin('参与拼团');
        return;
      }
      const joined = await groupbuyStore.join(group.id);
      if (joined) {
        toastOk(joined.status === 'succeeded' ? '拼团成功' : '参团成功');
        this.showGroup(joined);
      } else {
        // Full or closed meanwhile: show the group as it is now, under the refusal message.
        const now = await groupbuyStore.refreshGroup(group.id);
        if (now) this.showGroup(now);
      }
    },
    onWallet() {
      wx.navigateTo({ url: '/pages/coupons/index?tab=wallet' });
    },
    /** The share opens the group; sharing itself earns nothing (WeChat forbids rewarding shares). */
    onShareAppMessage() {
      const group = this.data.group;
      if (this.data.view === 'group' && group) return { title: `一起拼「${group.title}」，${group.price} 拼团价`, path: groupSharePath(group.id) };
      return { title: '会员拼团', path: '/pages/groupbuy/index' };
    },
  },
});
