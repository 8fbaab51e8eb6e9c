type PrivacyResolve = (result: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

/**
 * WeChat's custom privacy prompt (小程序隐私协议开发指南; wx.onNeedPrivacyAuthorization): when a
 * privacy interface (the nickname input, chooseAvatar, getPhoneNumber) needs the user's
 * agreement, WeChat holds it pending and calls the listener; this shows the prompt, reports its
 * exposure, and resolves with `agree` only after the `agreePrivacyAuthorization` button was
 * tapped (the base library checks that button id), or `disagree` (the interface then fails with
 * "privacy permission is not authorized"). 《隐私政策》 opens wx.openPrivacyContract.
 */
Component({
  data: { visible: false },
  lifetimes: {
    attached() {
      // Base library ≥ 2.32.3; older clients use WeChat's own prompt.
      if (typeof wx.onNeedPrivacyAuthorization !== 'function') return;
      const listener = (resolve: PrivacyResolve) => {
        (this as unknown as { resolvePrivacy?: PrivacyResolve }).resolvePrivacy = resolve;
        this.setData({ visible: true });
        resolve({ event: 'exposureAuthorization' });
      };
      // miniprogram-api-typings types the listener's argument as a plain result; the documented
      // first argument is the resolve function.
      wx.onNeedPrivacyAuthorization(listener as unknown as WechatMiniprogram.OnNeedPrivacyAuthorizationCallback);
    },
  },
  methods: {
    settle(result: Parameters<PrivacyResolve>[0]) {
      const self = this as unknown as { resolvePrivacy?: PrivacyResolve };
      self.resolvePrivacy?.(result);
      self.resolvePrivacy = undefined;
      this.setData({ visible: false });
    },
    onAgree() {
      this.settle({ event: 'agree', buttonId: 'agree-privacy' });
    },
    onDisagree() {
      this.settle({ event: 'disagree' });
    },
    onOpenContract() {
      wx.openPrivacyContract({});
    },
  },
});
