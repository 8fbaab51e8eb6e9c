import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { benefitsStore } from '../../stores/benefits-store';

/** 会员权益: every tier side by side; for a member, progress to the next tier and what keeping theirs takes. */
ComponentWithStore({
  storeBindings: {
    store: benefitsStore,
    fields: ['columns', 'isMember', 'currentName', 'progressText', 'progressPercent', 'retentionText', 'loading', 'error'],
    actions: [],
  },
  methods: {
    onShow() {
      void benefitsStore.load();
    },
    async onPullDownRefresh() {
      await benefitsStore.load();
      wx.stopPullDownRefresh();
    },
    onJoin() {
      wx.navigateTo({ url: '/pages/join/index' });
    },
  },
});
