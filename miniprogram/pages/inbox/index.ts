import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { notifyStore } from '../../stores/notify-store';
import { openPage } from '../../utils/notify-labels';

/** 消息中心: every notification the member was due, whether or not a subscription message went out. */
ComponentWithStore({
  storeBindings: { store: notifyStore, fields: ['items', 'unread', 'loading', 'inboxEmpty', 'error'], actions: [] },
  methods: {
    onShow() {
      void notifyStore.loadInbox();
    },
    async onPullDownRefresh() {
      await notifyStore.loadInbox();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void notifyStore.loadMore();
    },
    onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; page: string; read: boolean }>) {
      const { id, page, read } = e.currentTarget.dataset;
      if (!read) void notifyStore.markRead([id]);
      openPage(page);
    },
    onReadAll() {
      void notifyStore.markRead();
    },
  },
});
