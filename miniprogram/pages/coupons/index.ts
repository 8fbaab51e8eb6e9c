import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { couponStore } from '../../stores/coupon-store';
import { memberStore } from '../../stores/member-store';
import { couponDetail, type CouponDetail, type TemplateRow } from '../../utils/coupon-view';
import { askToJoin } from '../../utils/join-prompt';
import { toastOk } from '../../utils/toast';

type Tab = 'claim' | 'wallet';
type WalletTab = 'usable' | 'used' | 'expired';

/** Claim centre (free or for points) and the wallet 可用 / 已使用 / 已过期, with a coupon detail section. */
ComponentWithStore({
  storeBindings: {
    store: couponStore,
    fields: ['templateRows', 'usableRows', 'usedRows', 'expiredRows', 'loading', 'claiming', 'error', 'visitor'],
    actions: [],
  },
  data: { tab: 'claim' as Tab, walletTab: 'usable' as WalletTab, detail: null as CouponDetail | null },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      if (query.tab === 'wallet') this.setData({ tab: 'wallet' });
    },
    onShow() {
      void couponStore.load();
    },
    async onPullDownRefresh() {
      await couponStore.load();
      wx.stopPullDownRefresh();
    },
    /** t-tabs reports the chosen panel's value. */
    onTab(e: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
      this.setData({ tab: e.detail.value, detail: null });
    },
    onWalletTab(e: WechatMiniprogram.TouchEvent) {
      this.setData({ walletTab: e.currentTarget.dataset.tab as WalletTab, detail: null });
    },
    onClaim(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id);
      const row = (this.data.templateRows as TemplateRow[]).find((t) => t.id === id);
      if (!row || !row.claimable) return;
      if (couponStore.visitor) {
        askToJoin('领取优惠券');
        return;
      }
      if (row.pointsPrice === 0) {
        void this.claim(id);
        return;
      }
      wx.showModal({
        title: '积分兑换',
        content: `确定使用 ${row.pointsPrice} 积分兑换「${row.title}」吗？`,
        confirmText: '兑换',
        success: (res) => {
          if (res.confirm) void this.claim(id);
        },
      });
    },
    async claim(templateId: string) {
      const result = await couponStore.claim(templateId);
      if (!result) return;
      toastOk(result.pointsSpent > 0 ? `已兑换，消耗 ${result.pointsSpent} 积分` : '领取成功');
      // The points balance on the card changed with an exchange.
      if (result.pointsSpent > 0) void memberStore.loadCard();
    },
    onCoupon(e: WechatMiniprogram.TouchEvent) {
      const coupon = couponStore.couponById(String(e.currentTarget.dataset.id));
      if (coupon) this.setData({ detail: couponDetail(coupon) });
    },
    onCloseDetail() {
      this.setData({ detail: null });
    },
    onUse() {
      wx.switchTab({ url: '/pages/card/index' });
    },
  },
});
