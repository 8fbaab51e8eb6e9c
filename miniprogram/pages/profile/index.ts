import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { phoneCodeFrom, type PhoneNumberDetail } from '../../services/phone-code';
import { memberStore } from '../../stores/member-store';
import { staffStore } from '../../stores/staff-store';
import { profilePatch, type ProfileForm } from '../../utils/profile-form';
import { toastOk } from '../../utils/toast';

const EMPTY_FORM: ProfileForm = { nickname: '', birthday: '' };

/** Profile and privacy: edit, consent, export, delete; the staff entry for staff. */
ComponentWithStore({
  storeBindings: [
    { store: memberStore, fields: ['profile', 'status', 'error', 'policyVersion', 'exportJson'], actions: [] },
    { store: staffStore, fields: ['isStaff'], actions: [] },
  ],
  data: { form: EMPTY_FORM, formError: '' },
  methods: {
    async onShow() {
      if (!memberStore.card) await memberStore.loadCard();
      this.resetForm();
      void staffStore.checkAccess();
    },
    resetForm() {
      const profile = memberStore.profile;
      this.setData({ form: profile ? { nickname: profile.nickname, birthday: profile.birthday ?? '' } : EMPTY_FORM, formError: '' });
    },
    onNickname(e: WechatMiniprogram.Input) {
      this.setData({ 'form.nickname': e.detail.value });
    },
    onBirthday(e: WechatMiniprogram.PickerChange) {
      this.setData({ 'form.birthday': String(e.detail.value) });
    },
    /** `<button open-type="getPhoneNumber">`: only the code goes to the server, which asks WeChat for the number. */
    async onGetPhoneNumber(e: { detail: PhoneNumberDetail }) {
      const code = await phoneCodeFrom(e.detail).catch(() => null);
      if (code && (await memberStore.bindPhone(code))) toastOk('手机号已绑定');
    },
    async onSave() {
      const profile = memberStore.profile;
      if (!profile) return;
      const result = profilePatch(this.data.form, profile);
      if ('error' in result) {
        this.setData({ formError: result.error });
        return;
      }
      this.setData({ formError: '' });
      if (await memberStore.updateProfile(result.patch)) {
        this.resetForm();
        toastOk('已保存');
      }
    },
    async onAcceptPolicy() {
      if (await memberStore.updateProfile({ consentVersion: memberStore.policyVersion })) toastOk('已同意');
    },
    async onExport() {
      await memberStore.exportData();
    },
    onCopy() {
      wx.setClipboardData({ data: memberStore.exportJson });
    },
    onDelete() {
      wx.showModal({
        title: '注销账号',
        content: '注销后会员卡、积分和等级将被清除且无法恢复，确定注销吗？',
        confirmText: '确定注销',
        confirmColor: '#e34d59',
        success: async (res) => {
          if (res.confirm && (await memberStore.deleteAccount())) toastOk('已注销');
        },
      });
    },
    onStaff() {
      wx.navigateTo({ url: '/staff/till/index' });
    },
  },
});
