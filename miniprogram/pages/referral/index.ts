import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { memberStore } from '../../stores/member-store';
import { referralStore } from '../../stores/referral-store';
import { formatDate } from '../../utils/dates';
import { invitePath } from '../../utils/referral-view';

/**
 * Invite card for members (code, share, invited / converted, rewards); for a visitor opening an
 * invite link, who invited them and the registration (the code goes with `member.register`).
 * Rewards follow the friend's first purchase, never the share (WeChat forbids rewarding shares).
 */
ComponentWithStore({
  storeBindings: [
    { store: memberStore, fields: ['status'], actions: [] },
    { store: referralStore, fields: ['invite', 'summary', 'touched', 'rewardRule', 'loading', 'error'], actions: [] },
  ],
  data: { recent: [] as Array<{ name: string; status: string; at: string }> },
  methods: {
    async onLoad(query: Record<string, string | undefined> = {}) {
      const code = query.inviteCode ? decodeURIComponent(query.inviteCode) : '';
      memberStore.setInviteCode(code);
      await memberStore.loadCard();
      if (memberStore.status === 'ready') await this.reload();
      else if (memberStore.status === 'unregistered' && code) await referralStore.touch(code);
    },
    async onPullDownRefresh() {
      if (memberStore.status === 'ready') await this.reload();
      wx.stopPullDownRefresh();
    },
    async reload() {
      await referralStore.load();
      const recent = referralStore.summary?.recent ?? [];
      this.setData({
        recent: recent.map((r) => ({ name: r.maskedName, status: r.status === 'converted' ? '已消费' : r.status === 'clawed_back' ? '已退款' : '已注册', at: formatDate(r.convertedAt ?? r.invitedAt) })),
      });
    },
    onRegistered() {
      void this.reload();
    },
    onCopy() {
      const invite = referralStore.invite;
      if (invite) wx.setClipboardData({ data: invite.inviteCode });
    },
    onShareAppMessage() {
      const invite = referralStore.invite;
      return { title: '邀请你成为会员，首次消费得积分', path: invite ? invitePath(invite.inviteCode) : '/pages/card/index' };
    },
  },
});
