import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { offersStore } from '../../stores/offers-store';

/** Campaigns the member is eligible for now, with why. Rewards are granted by the campaign runs. */
ComponentWithStore({
  storeBindings: { store: offersStore, fields: ['rows', 'loading', 'empty', 'error'], actions: [] },
  methods: {
    onShow() {
      void offersStore.load();
    },
    async onPullDownRefresh() {
      await offersStore.load();
      wx.stopPullDownRefresh();
    },
  },
});
