import { configure } from '../../../miniprogram/config';
import { staffStore } from '../../../miniprogram/stores/staff-store';
import { failure, fakeBackend } from '../support/fake-backend';
import { coupon, memberSummary } from '../support/fixtures';
import { input, instance, load, settle, tap, tapTab, text, type Rendered } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => staffStore.reset());

const ME = { staffId: 's1', name: '李收银', role: 'cashier', storeId: 'store_1', storeName: '南京西路店' };
const SESSION = { sessionId: 'sess_1', sessionExpiresAt: '2026-03-10T02:10:00.000Z', member: memberSummary() };
const RECEIPT = { orderNo: 'SO1', amountFen: 1230, pointsEarned: 18, debtRepaid: 0, pointsPendingUntil: null, growthAdded: 12, tierChange: { from: 'silver', to: 'gold', toName: '黄金' }, member: memberSummary({ points: { available: 318, pending: 20 } }) };

function scanResult(code: string): void {
  wxStubs().scanCode.mockImplementation((o: { success?: (r: { result: string }) => void }) => o.success?.({ result: code }));
}

async function open(routes: Record<string, unknown>): Promise<{ page: Rendered; backend: ReturnType<typeof fakeBackend> }> {
  const backend = fakeBackend({ 'staff.me': ME, 'staff.scan': SESSION, ...routes });
  const page = load('staff/till/index');
  instance(page).onLoad();
  await settle(10);
  return { page, backend };
}

async function scanAndEnter(page: Rendered, orderNo: string, amount: string): Promise<void> {
  scanResult('mc1.code');
  await tap(page, '.scan');
  await settle(10);
  await input(page, '.order-no', orderNo);
  await input(page, '.amount', amount);
}

describe('staff page', () => {
  it('refuses non-staff with NOT_STAFF', async () => {
    const { page } = await open({ 'staff.me': failure('NOT_STAFF') });
    expect(text(page, '.denied')).toBe('仅限门店员工使用');
  });

  it('scans, shows the member summary and records a purchase in fen', async () => {
    const { page, backend } = await open({ 'staff.recordPurchase': RECEIPT });
    expect(text(page, '.header')).toBe('李收银 · 南京西路店');
    await scanAndEnter(page, 'SO1', '12.3');
    expect(backend.calls.find((c) => c.action === 'scan')?.request).toEqual({ code: 'mc1.code' });
    expect(text(page, '.member__name')).toBe('王**');
    expect(text(page, '.member__tier')).toBe('黄金');
    await tap(page, '.submit-purchase');
    await settle(10);
    expect(backend.calls.find((c) => c.action === 'recordPurchase')?.request).toEqual({ sessionId: 'sess_1', orderNo: 'SO1', amountFen: 1230 });
    expect(text(page, '.purchase-receipt')).toContain('获得 18 积分');
    expect(text(page, '.tier-up')).toBe('会员升级为 黄金');
    expect(text(page, '.member__points')).toBe('可用积分 318');
  });

  it.each([
    ['', '12', '请输入订单号'],
    ['SO 1', '12', '订单号只能包含字母、数字、- 或 _（最多 64 位）'],
    ['SO1', '', '请输入金额'],
    ['SO1', '1.234', '金额格式不正确，最多两位小数'],
    ['SO1', '0', '金额必须大于 0'],
    ['SO1', '-5', '金额格式不正确，最多两位小数'],
  ])('validates order %p amount %p before calling', async (orderNo, amount, message) => {
    const { page, backend } = await open({});
    await scanAndEnter(page, orderNo, amount);
    await tap(page, '.submit-purchase');
    expect(text(page, '.form-error')).toBe(message);
    expect(backend.calls.some((c) => c.action === 'recordPurchase')).toBe(false);
  });

  it.each([
    ['CODE_EXPIRED', '会员码已过期，请让顾客刷新后重新扫码'],
    ['CODE_REPLAYED', '该会员码已使用过，请让顾客刷新后重新扫码'],
    ['CODE_INVALID', '会员码无效，请让顾客出示最新会员码'],
    ['CODE_MALFORMED', '这不是会员码，请扫描会员卡上的二维码'],
    ['RATE_LIMITED', '操作过于频繁，请稍后再试'],
  ] as const)('shows %s on scan', async (code, message) => {
    const { page } = await open({ 'staff.scan': failure(code) });
    scanResult('x');
    await tap(page, '.scan');
    await settle(10);
    expect(text(page, '.store-error')).toBe(message);
  });

  it.each([
    ['ORDER_CONFLICT', '该订单号已记录过且金额不同，请核对订单号'],
    ['STAFF_LIMIT_EXCEEDED', '已超出今日操作限额，已通知管理员'],
    ['SESSION_INVALID', '收银会话已失效，请重新扫码'],
  ] as const)('shows %s on purchase', async (code, message) => {
    const { page } = await open({ 'staff.recordPurchase': failure(code) });
    await scanAndEnter(page, 'SO1', '10');
    await tap(page, '.submit-purchase');
    await settle(10);
    expect(text(page, '.store-error')).toBe(message);
  });

  it('retries an unanswered purchase with the same order number', async () => {
    const { page, backend } = await open({});
    await scanAndEnter(page, 'SO9', '99.99');
    await tap(page, '.submit-purchase');
    await settle(10);
    expect(text(page, '.store-error')).toBe('网络异常，请检查网络后重试');
    await input(page, '.order-no', 'SO10');
    backend.set('staff.recordPurchase', { ...RECEIPT, orderNo: 'SO9' });
    await tap(page, '.retry');
    await settle(10);
    const sent = backend.calls.filter((c) => c.action === 'recordPurchase').map((c) => c.request);
    expect(sent).toEqual([
      { sessionId: 'sess_1', orderNo: 'SO9', amountFen: 9999 },
      { sessionId: 'sess_1', orderNo: 'SO9', amountFen: 9999 },
    ]);
    expect(text(page, '.purchase-receipt')).toContain('订单 SO9 已记录');
  });

  it('records a refund and explains refund errors', async () => {
    const { page, backend } = await open({ 'staff.recordRefund': failure('REFUND_EXCEEDS_ORDER') });
    await tapTab(page, '.tabs', 1);
    await input(page, '.refund-order-no', 'SO1');
    await input(page, '.refund-no', 'RF1');
    await input(page, '.refund-amount', '5.5');
    await tap(page, '.submit-refund');
    await settle(10);
    expect(text(page, '.store-error')).toBe('请先扫描会员码');
    expect(backend.calls.some((c) => c.action === 'recordRefund')).toBe(false);
    scanResult('mc1.code');
    await tap(page, '.scan-refund');
    await settle(10);
    await tap(page, '.submit-refund');
    await settle(10);
    expect(text(page, '.store-error')).toBe('退款金额超过该订单可退金额');
    backend.set('staff.recordRefund', { orderNo: 'SO1', refundNo: 'RF1', amountFen: 550, orderRefundedFen: 550, pointsReversed: 5, debtAdded: 2, growthReversed: 5 });
    await tap(page, '.submit-refund');
    await settle(10);
    expect(backend.calls.filter((c) => c.action === 'recordRefund').pop()?.request).toEqual({ sessionId: 'sess_1', orderNo: 'SO1', refundNo: 'RF1', amountFen: 550 });
    expect(text(page, '.refund-receipt')).toContain('扣回 5 积分');
    expect(text(page, '.refund-receipt')).toContain('2 积分记为欠分');
  });

  describe('coupon redemption', () => {
    const TILL_COUPONS = (amountFen?: number) => ({
      coupons: [
        { ...coupon(), discountFen: amountFen === undefined ? null : 2000, applicable: amountFen === undefined || amountFen >= 10000, refusal: amountFen !== undefined && amountFen < 10000 ? 'COUPON_THRESHOLD_NOT_MET' : null },
        { ...coupon({ couponId: 'c_gift', title: '赠饮券', benefit: { kind: 'gift', thresholdFen: 0, giftLabel: '柠檬水' } }), discountFen: amountFen === undefined ? null : 0, applicable: true, refusal: null },
      ],
    });
    const REDEEMED = { couponId: 'c_1', orderNo: 'SO5', title: '满100减20', kind: 'cash_off', amountFen: 12800, discountFen: 2000, orderDiscountFen: 2000, payableFen: 10800, giftLabel: null, freeShipping: false, redeemedAt: '2026-03-10T02:00:00.000Z' };

    it('lists the member coupons priced for the amount, redeems one and records the payable amount', async () => {
      const { page, backend } = await open({
        'staff.memberCoupons': (r: Record<string, unknown>) => TILL_COUPONS(r.amountFen as number | undefined),
        'staff.redeemCoupon': REDEEMED,
        'staff.recordPurchase': { ...RECEIPT, orderNo: 'SO5', amountFen: 10800 },
      });
      await scanAndEnter(page, 'SO5', '');
      await tap(page, '.load-coupons');
      await settle(10);
      expect(backend.calls.find((c) => c.action === 'memberCoupons')?.request).toEqual({ sessionId: 'sess_1' });
      expect(page.querySelectorAll('.till-coupon__title').map((n) => n.dom?.textContent)).toEqual(['¥20 · 满100减20', '礼品 · 赠饮券']);
      await input(page, '.amount', '50');
      await tap(page, '.load-coupons');
      await settle(10);
      expect(text(page, '.till-coupon__note')).toBe('未达到优惠券的使用门槛');
      expect((instance(page).data.couponRows as Array<{ applicable: boolean }>).map((c) => c.applicable)).toEqual([false, true]);
      await input(page, '.amount', '128');
      await tap(page, '.load-coupons');
      await settle(10);
      expect(text(page, '.till-coupon__note')).toBe('可减 20.00 元');
      await tap(page, '.redeem');
      await settle(10);
      expect(backend.calls.find((c) => c.action === 'redeemCoupon')?.request).toEqual({ sessionId: 'sess_1', couponId: 'c_1', orderNo: 'SO5', amountFen: 12800 });
      expect(text(page, '.redemption-receipt')).toBe('已核销「满100减20」：优惠 20.00 元，应收 108.00 元');
      expect(instance(page).data.purchase).toEqual({ orderNo: 'SO5', amount: '108.00' });
      expect(page.querySelectorAll('.till-coupon__title').map((n) => n.dom?.textContent)).toEqual(['礼品 · 赠饮券']);
      await tap(page, '.submit-purchase');
      await settle(10);
      expect(backend.calls.find((c) => c.action === 'recordPurchase')?.request).toEqual({ sessionId: 'sess_1', orderNo: 'SO5', amountFen: 10800 });
    });

    it('needs an order number and amount before redeeming, and says when there are no coupons', async () => {
      const { page, backend } = await open({ 'staff.memberCoupons': TILL_COUPONS() });
      await scanAndEnter(page, '', '');
      await tap(page, '.load-coupons');
      await settle(10);
      await tap(page, '.redeem');
      expect(text(page, '.form-error')).toBe('请输入订单号');
      expect(backend.calls.some((c) => c.action === 'redeemCoupon')).toBe(false);
      await input(page, '.amount', '1.234');
      await tap(page, '.load-coupons');
      expect(text(page, '.form-error')).toBe('金额格式不正确，最多两位小数');
      backend.set('staff.memberCoupons', { coupons: [] });
      await input(page, '.amount', '');
      await tap(page, '.load-coupons');
      await settle(10);
      expect(text(page, '.coupons__empty')).toBe('该会员没有可用优惠券');
    });

    it('shows gift and order totals on the receipt', async () => {
      const { page } = await open({ 'staff.memberCoupons': TILL_COUPONS(), 'staff.redeemCoupon': { ...REDEEMED, couponId: 'c_gift', title: '赠饮券', kind: 'gift', discountFen: 0, orderDiscountFen: 2000, giftLabel: '柠檬水' } });
      await scanAndEnter(page, 'SO5', '128');
      await tap(page, '.load-coupons');
      await settle(10);
      await tap(page, '.redeem');
      await settle(10);
      expect(page.querySelectorAll('.redemption-line').map((n) => n.dom?.textContent)).toEqual(['已核销「赠饮券」：优惠 0.00 元，应收 108.00 元', '本单共优惠 20.00 元', '请交付礼品：柠檬水']);
    });

    it.each([
      ['COUPON_NOT_USABLE', '该优惠券已使用、已过期或暂不可用'],
      ['COUPON_THRESHOLD_NOT_MET', '未达到优惠券的使用门槛'],
      ['COUPON_NOT_STACKABLE', '该优惠券不能与其他优惠券同时使用'],
      ['COUPON_NOT_FOUND', '优惠券不存在'],
      ['ORDER_CONFLICT', '该订单号已记录过且金额不同，请核对订单号'],
      ['STAFF_LIMIT_EXCEEDED', '已超出今日操作限额，已通知管理员'],
    ] as const)('shows %s on redemption', async (code, message) => {
      const { page } = await open({ 'staff.memberCoupons': TILL_COUPONS(), 'staff.redeemCoupon': failure(code) });
      await scanAndEnter(page, 'SO5', '128');
      await tap(page, '.load-coupons');
      await settle(10);
      await tap(page, '.redeem');
      await settle(10);
      expect(text(page, '.store-error')).toBe(message);
      expect(text(page, '.redemption-receipt')).toBe('');
    });

    it('retries an unanswered redemption with the same coupon and order number', async () => {
      const { page, backend } = await open({ 'staff.memberCoupons': TILL_COUPONS() });
      await scanAndEnter(page, 'SO5', '128');
      await tap(page, '.load-coupons');
      await settle(10);
      await tap(page, '.redeem');
      await settle(10);
      expect(text(page, '.store-error')).toBe('网络异常，请检查网络后重试');
      backend.set('staff.redeemCoupon', REDEEMED);
      await input(page, '.order-no', 'SO6');
      await tap(page, '.retry');
      await settle(10);
      const sent = backend.calls.filter((c) => c.action === 'redeemCoupon').map((c) => c.request);
      expect(sent).toEqual([
        { sessionId: 'sess_1', couponId: 'c_1', orderNo: 'SO5', amountFen: 12800 },
        { sessionId: 'sess_1', couponId: 'c_1', orderNo: 'SO5', amountFen: 12800 },
      ]);
      expect(text(page, '.redemption-receipt')).toContain('应收 108.00 元');
    });
  });
});
