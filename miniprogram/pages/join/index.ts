import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { memberStore } from '../../stores/member-store';

/**
 * Joining at the moment it is needed: a visitor who taps 领取 or 发起拼团 comes here
 * (utils/join-prompt.ts) and goes back to that page once registered, which reloads as a member.
 */
ComponentWithStore({
  storeBindings: { store: memberStore, fields: ['welcome'], actions: [] },
  methods: {
    onRegistered() {
      if (getCurrentPages().length > 1) wx.navigateBack({ delta: 1 });
      else wx.switchTab({ url: '/pages/card/index' });
    },
  },
});
