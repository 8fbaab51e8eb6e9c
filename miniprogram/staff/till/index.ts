import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { staffStore } from '../../stores/staff-store';
import { formatFen, parseYuan } from '../../utils/money';
import { checkManualEntry, checkPurchase, checkRefund } from './till-form';

const EMPTY = { purchase: { orderNo: '', amount: '' }, refund: { orderNo: '', refundNo: '', amount: '' }, manual: { cardNo: '', confirmCode: '' } };

/**
 * The till: scan a member code, optionally redeem one of the member's coupons (the discount is the
 * server's), record the purchase for what the shopper pays, or a refund. Staff only (staff.me).
 */
ComponentWithStore({
  storeBindings: {
    store: staffStore,
    fields: [
      'access', 'me', 'session', 'purchaseReceipt', 'refundReceipt', 'pendingPurchase', 'pendingRefund',
      'couponRows', 'couponsLoaded', 'redemptionText', 'pendingRedemption', 'busy', 'error',
    ],
    actions: [],
  },
  data: { mode: 'purchase' as 'purchase' | 'refund', formError: '', manualOpen: false, ...EMPTY },
  methods: {
    onLoad() {
      void staffStore.checkAccess();
    },
    /** t-tabs reports the chosen panel's value. */
    onMode(e: WechatMiniprogram.CustomEvent<{ value: 'purchase' | 'refund' }>) {
      this.setData({ mode: e.detail.value, formError: '' });
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
    onToggleManual() {
      this.setData({ manualOpen: !this.data.manualOpen, manual: EMPTY.manual, formError: '' });
    },
    /** Card number + the 6-digit code the member reads from their card page; checked for shape here, for truth on the server. */
    async onManualEntry() {
      const checked = checkManualEntry(this.data.manual);
      this.setData({ formError: checked.ok ? '' : checked.error });
      if (checked.ok && (await staffStore.manualEntry(checked.value.cardNo, checked.value.confirmCode))) {
        this.setData({ manualOpen: false, manual: EMPTY.manual, purchase: EMPTY.purchase });
      }
    },
    async onPurchase() {
      const checked = checkPurchase(this.data.purchase);
      this.setData({ formError: checked.ok ? '' : checked.error });
      if (checked.ok && (await staffStore.recordPurchase(checked.value))) this.setData({ purchase: EMPTY.purchase });
    },
    /** Lists the member's coupons, priced for the entered amount when there is a valid one. */
    async onLoadCoupons() {
      const amount = this.data.purchase.amount.trim() === '' ? null : parseYuan(this.data.purchase.amount);
      if (amount && !amount.ok) {
        this.setData({ formError: amount.message });
        return;
      }
      this.setData({ formError: '' });
      await staffStore.loadCoupons(amount ? amount.fen : undefined);
    },
    /** Redeems the tapped coupon against the entered order; the amount field becomes the payable amount. */
    async onRedeem(e: WechatMiniprogram.TouchEvent) {
      const checked = checkPurchase(this.data.purchase);
      this.setData({ formError: checked.ok ? '' : checked.error });
      if (!checked.ok) return;
      const receipt = await staffStore.redeemCoupon({ couponId: String(e.currentTarget.dataset.id), ...checked.value });
      if (receipt) this.setData({ 'purchase.amount': formatFen(receipt.payableFen) });
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
