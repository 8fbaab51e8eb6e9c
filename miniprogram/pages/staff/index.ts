import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { staffStore } from '../../stores/staff-store';
import { checkPurchase, checkRefund } from '../../utils/till-form';

const EMPTY = { purchase: { orderNo: '', amount: '' }, refund: { orderNo: '', refundNo: '', amount: '' } };

/** The till: scan a member code, record a purchase or a refund. Staff only (staff.me). */
ComponentWithStore({
  storeBindings: {
    store: staffStore,
    fields: ['access', 'me', 'session', 'purchaseReceipt', 'refundReceipt', 'pendingPurchase', 'pendingRefund', 'busy', 'error'],
    actions: [],
  },
  data: { mode: 'purchase' as 'purchase' | 'refund', formError: '', ...EMPTY },
  methods: {
    onLoad() {
      void staffStore.checkAccess();
    },
    onMode(e: WechatMiniprogram.TouchEvent) {
      this.setData({ mode: e.currentTarget.dataset.mode, formError: '' });
    },
    onField(e: WechatMiniprogram.Input) {
      this.setData({ [String(e.currentTarget.dataset.field)]: e.detail.value });
    },
    onScan() {
      wx.scanCode({
        onlyFromCamera: true,
        scanType: ['qrCode'],
        success: async (res) => {
          this.setData({ formError: '' });
          if (await staffStore.scan(res.result)) this.setData({ purchase: EMPTY.purchase });
        },
      });
    },
    async onPurchase() {
      const checked = checkPurchase(this.data.purchase);
      this.setData({ formError: checked.ok ? '' : checked.error });
      if (checked.ok && (await staffStore.recordPurchase(checked.value))) this.setData({ purchase: EMPTY.purchase });
    },
    async onRefund() {
      const checked = checkRefund(this.data.refund);
      this.setData({ formError: checked.ok ? '' : checked.error });
      if (checked.ok && (await staffStore.recordRefund(checked.value))) this.setData({ refund: EMPTY.refund });
    },
    async onRetry() {
      await staffStore.retryPending();
    },
  },
});
