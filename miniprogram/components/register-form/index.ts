import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { memberStore } from '../../stores/member-store';

/** First visit: privacy consent (explicit tick) and registration; fires `registered`. */
ComponentWithStore({
  storeBindings: { store: memberStore, fields: ['policyVersion', 'error'], actions: [] },
  data: { consented: false, nickname: '' },
  methods: {
    onNickname(e: WechatMiniprogram.Input) {
      this.setData({ nickname: e.detail.value });
    },
    onToggleConsent() {
      this.setData({ consented: !this.data.consented });
    },
    async onSubmit() {
      const ok = await memberStore.register(this.data.consented, this.data.nickname.trim() || undefined);
      if (ok) this.triggerEvent('registered');
    },
  },
});
