import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { memberStore } from '../../stores/member-store';
import { cancelRefresh, refreshDelay, scheduleRefresh } from '../../utils/code-refresh';

/** Home: the member card, points summary and the dynamic member code. */
ComponentWithStore({
  storeBindings: {
    store: memberStore,
    fields: ['card', 'status', 'error', 'tierName', 'tierColor', 'progressText', 'progressPercent', 'memberCode'],
    actions: [],
  },
  methods: {
    /** A shared invite link may open the card directly: keep its code for the registration. */
    onLoad(query: Record<string, string | undefined> = {}) {
      memberStore.setInviteCode(query.inviteCode);
    },
    onShow() {
      void this.reload();
    },
    onHide() {
      cancelRefresh(this);
    },
    onUnload() {
      cancelRefresh(this);
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    async reload() {
      await memberStore.loadCard();
      if (memberStore.status === 'ready') await this.refreshCode();
    },
    onRegistered() {
      void this.refreshCode();
    },
    onMore(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/${String(e.currentTarget.dataset.page)}/index` });
    },
    /** Fetches a fresh code and schedules the next refresh shortly before it expires. */
    async refreshCode() {
      const code = await memberStore.refreshCode();
      if (code) scheduleRefresh(this, refreshDelay(code.expiresAt, Date.now()), () => void this.refreshCode());
    },
  },
});
