import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { phoneCodeFrom, type PhoneNumberDetail } from '../../services/phone-code';
import { memberStore } from '../../stores/member-store';

/**
 * First visit, the WeChat way: nickname from `<input type="nickname">` (WeChat offers the user's
 * own), avatar from `<button open-type="chooseAvatar">`, phone from
 * `<button open-type="getPhoneNumber">` (only its code is sent; the server asks WeChat for the
 * number), explicit consent to the policy version, then registration; fires `registered`.
 * The chosen avatar is a temporary local file: it is shown here only (docs/loyalty-rules.md).
 */
ComponentWithStore({
  storeBindings: { store: memberStore, fields: ['policyVersion', 'error'], actions: [] },
  data: { consented: false, nickname: '', avatarUrl: '', phoneCode: '', phoneState: '' },
  methods: {
    onNickname(e: WechatMiniprogram.Input) {
      this.setData({ nickname: e.detail.value });
    },
    onChooseAvatar(e: { detail: { avatarUrl?: string } }) {
      if (e.detail.avatarUrl) this.setData({ avatarUrl: e.detail.avatarUrl });
    },
    async onGetPhoneNumber(e: { detail: PhoneNumberDetail }) {
      const code = await phoneCodeFrom(e.detail).catch(() => null);
      this.setData(code ? { phoneCode: code, phoneState: '已获取微信手机号，注册后绑定' } : { phoneCode: '', phoneState: '未授权手机号，可稍后在“我的”中绑定' });
    },
    onToggleConsent() {
      this.setData({ consented: !this.data.consented });
    },
    onOpenContract() {
      wx.openPrivacyContract({});
    },
    async onSubmit() {
      const ok = await memberStore.register(this.data.consented, this.data.nickname.trim() || undefined, this.data.phoneCode || undefined);
      if (ok) this.triggerEvent('registered');
    },
  },
});
