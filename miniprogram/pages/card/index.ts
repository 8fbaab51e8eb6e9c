import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { feedbackStore } from '../../stores/feedback-store';
import { memberStore } from '../../stores/member-store';
import { cancelRefresh, refreshDelay, scheduleRefresh } from '../../utils/code-refresh';
import { raiseBrightness, restoreBrightness } from '../../utils/screen-brightness';

const NPS_SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * Home: the member card, points summary and the dynamic member code (screen at full brightness
 * while it shows, with the confirmation code for manual entry at the till); a visitor sees the
 * registration and what they can browse first. After a purchase, the NPS question (never blocking).
 */
ComponentWithStore({
  storeBindings: [
    {
      store: memberStore,
      fields: ['card', 'status', 'error', 'tierName', 'tierColor', 'progressText', 'progressPercent', 'memberCode', 'welcome'],
      actions: [],
    },
    { store: feedbackStore, fields: ['npsDue'], actions: [] },
  ],
  data: { npsScores: NPS_SCORES },
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
      restoreBrightness(this);
    },
    onUnload() {
      cancelRefresh(this);
      restoreBrightness(this);
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    async reload() {
      await memberStore.loadCard();
      if (memberStore.status !== 'ready') return;
      void feedbackStore.checkNps();
      await this.refreshCode();
    },
    onRegistered() {
      void this.refreshCode();
    },
    onNpsScore(e: WechatMiniprogram.TouchEvent) {
      void feedbackStore.answerNps(Number(e.currentTarget.dataset.score));
    },
    onNpsLater() {
      void feedbackStore.dismissNps();
    },
    onCloseWelcome() {
      memberStore.dismissWelcome();
    },
    onMore(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/${String(e.currentTarget.dataset.page)}/index` });
    },
    /** Fetches a fresh code and schedules the next refresh shortly before it expires. */
    async refreshCode() {
      const code = await memberStore.refreshCode();
      if (!code) return;
      raiseBrightness(this);
      scheduleRefresh(this, refreshDelay(code.expiresAt, Date.now()), () => void this.refreshCode());
    },
  },
});
