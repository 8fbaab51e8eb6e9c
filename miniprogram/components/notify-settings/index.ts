import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { SubscriptionKind } from '../../../typings/api/notify';
import { notifyStore } from '../../stores/notify-store';

/** Profile section: each kind the brand sends, the sends left from the member's acceptances, and a switch to stop it. */
ComponentWithStore({
  storeBindings: { store: notifyStore, fields: ['rows', 'unread', 'error'], actions: [] },
  lifetimes: {
    attached() {
      void notifyStore.loadKinds();
    },
  },
  methods: {
    onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }, Record<string, never>, { kind: SubscriptionKind }>) {
      void notifyStore.setOptOut(e.currentTarget.dataset.kind, !e.detail.value);
    },
    onInbox() {
      wx.navigateTo({ url: '/pages/inbox/index' });
    },
  },
});
