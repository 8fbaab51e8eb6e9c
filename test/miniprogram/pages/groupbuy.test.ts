import { configure } from '../../../miniprogram/config';
import { groupbuyStore } from '../../../miniprogram/stores/groupbuy-store';
import { failure, fakeBackend } from '../support/fake-backend';
import { group, groupDeal } from '../support/fixtures';
import { exists, instance, load, settle, tap, text, type Rendered, texts } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => groupbuyStore.reset());
afterEach(() => jest.useRealTimers());

const PAYMENT = { appId: 'wx-test', timeStamp: '1773100800', nonceStr: 'n1', package: 'prepay_id=wx_prepay_1', signType: 'MD5', paySign: 'SIGN' };

async function open(routes: Record<string, unknown>, query: Record<string, string> = {}): Promise<{ page: Rendered; backend: ReturnType<typeof fakeBackend> }> {
  const backend = fakeBackend({ 'groupbuy.listDeals': { deals: [groupDeal()] }, ...routes });
  const page = load('pages/groupbuy/index');
  instance(page).onLoad(query);
  instance(page).onShow();
  await settle(10);
  return { page, backend };
}

describe('groupbuy page', () => {
  it('lists deals with prices and opens a deal', async () => {
    const { page } = await open({ 'groupbuy.listDeals': { deals: [groupDeal(), groupDeal({ dealId: 'deal_cake', productLabel: '蛋糕', groupsLeft: 0, myGroupId: 'g_9' })] } });
    expect(texts(page, '.deal__title')).toEqual(['招牌奶茶双杯', '蛋糕']);
    expect(text(page, '.deal__price')).toBe('¥19.90');
    expect(text(page, '.deal__original')).toBe('¥36.00');
    expect(texts(page, '.deal__left')).toEqual(['剩余 7 个团', '已抢光']);
    expect(text(page, '.deal__mine')).toBe('我已参团');
    await tap(page, '.deal');
    expect(wxStubs().navigateTo).toHaveBeenCalledWith({ url: '/pages/groupbuy/index?dealId=deal_tea' });
  });

  it('shows an empty list', async () => {
    const { page } = await open({ 'groupbuy.listDeals': { deals: [] } });
    expect(text(page, '.footer')).toBe('暂无拼团活动');
  });

  it('starts a group from the deal detail and lands on the group', async () => {
    const { page, backend } = await open({ 'groupbuy.start': { ...group({ joinedByMe: true, myPayment: { outTradeNo: 'GB1', amountFen: 1990, status: 'unpaid', holdUntil: '2026-03-10T02:15:00.000Z' } }), payment: PAYMENT } }, { dealId: 'deal_tea' });
    expect(text(page, '.deal__size')).toBe('3 人团 · 24 小时内成团');
    expect(text(page, '.deal__entitlement')).toBe('成团后每人获得「奶茶双杯券」');
    await tap(page, '.start');
    await settle(10);
    expect(backend.calls.find((c) => c.action === 'start')?.request).toEqual({ dealId: 'deal_tea' });
    // The seat is a purchase: WeChat's payment sheet opens with the server's parameters; closed, the seat waits unpaid.
    expect(wxStubs().requestPayment).toHaveBeenCalledWith(expect.objectContaining({ package: PAYMENT.package, paySign: PAYMENT.paySign }));
    expect(text(page, '.payment')).toBe('待支付');
    expect(exists(page, '.pay')).toBe(true);
    expect(wxStubs().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '开团成功' }));
    expect(text(page, '.group__status')).toBe('还差 2 人成团');
    expect(exists(page, '.share')).toBe(true);
    expect(exists(page, '.join')).toBe(false);
    expect(instance(page).onShareAppMessage()).toEqual({ title: '一起拼「招牌奶茶双杯」，¥19.90 拼团价', path: '/pages/groupbuy/index?groupId=g_1' });
    instance(page).onUnload();
  });

  it('offers my group instead of a second one, and explains a closed deal', async () => {
    const { page } = await open({ 'groupbuy.listDeals': { deals: [groupDeal({ myGroupId: 'g_7' }), groupDeal({ dealId: 'deal_off', startable: false })] } }, { dealId: 'deal_tea' });
    expect(exists(page, '.start')).toBe(false);
    await tap(page, '.my-group');
    expect(wxStubs().navigateTo).toHaveBeenCalledWith({ url: '/pages/groupbuy/index?groupId=g_7' });
    const closed = await open({ 'groupbuy.listDeals': { deals: [groupDeal({ startable: false })] } }, { dealId: 'deal_tea' });
    expect(text(closed.page, '.start')).toBe('暂不可开团');
  });

  it.each([
    ['GROUPBUY_SOLD_OUT', '拼团名额已满，下次早点来'],
    ['GROUPBUY_CLOSED', '拼团活动未开始或已结束'],
    ['ALREADY_IN_GROUP', '您已参加过该拼团活动'],
  ] as const)('shows %s when starting fails', async (code, message) => {
    const { page } = await open({ 'groupbuy.start': failure(code) }, { dealId: 'deal_tea' });
    await tap(page, '.start');
    await settle(10);
    expect(text(page, '.store-error')).toBe(message);
  });

  it('opens a shared group from its groupId: masked members, slots left, join', async () => {
    const { page, backend } = await open(
      { 'groupbuy.group': group(), 'groupbuy.join': { ...group({ joinedByMe: true, slotsLeft: 1, members: [group().members[0], { maskedName: '李*', leader: false, joinedAt: '2026-03-10T03:00:00.000Z' }] }), payment: PAYMENT } },
      { groupId: 'g_1' },
    );
    expect(backend.calls.find((c) => c.action === 'group')?.request).toEqual({ groupId: 'g_1' });
    expect(texts(page, '.member__name')).toEqual(['张**', '待加入', '待加入']);
    expect(text(page, '.member__leader')).toBe('团长');
    expect(text(page, '.group__status')).toBe('还差 2 人成团');
    expect(text(page, '.countdown')).toMatch(/^剩余 01:02:0\d$/);
    expect(exists(page, '.share')).toBe(false);
    await tap(page, '.join');
    await settle(10);
    expect(backend.calls.find((c) => c.action === 'join')?.request).toEqual({ groupId: 'g_1' });
    expect(wxStubs().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '参团成功' }));
    expect(texts(page, '.member__name')).toEqual(['张**', '李*', '待加入']);
    expect(text(page, '.group__status')).toBe('还差 1 人成团');
    expect(exists(page, '.join')).toBe(false);
    expect(exists(page, '.share')).toBe(true);
    instance(page).onUnload();
  });

  it('shows a succeeded group with my coupon and a full group error', async () => {
    const { page } = await open({ 'groupbuy.group': group(), 'groupbuy.join': failure('GROUP_FULL') }, { groupId: 'g_1' });
    const backend = fakeBackend({ 'groupbuy.join': failure('GROUP_FULL'), 'groupbuy.group': group({ status: 'succeeded', slotsLeft: 0, joinedByMe: false, completedAt: '2026-03-10T05:00:00.000Z' }) });
    await tap(page, '.join');
    await settle(10);
    expect(text(page, '.store-error')).toBe('该团已满员');
    expect(backend.calls.map((c) => c.action)).toEqual(['join', 'group']);
    expect(text(page, '.group__status')).toBe('拼团成功');
    expect(exists(page, '.countdown')).toBe(false);
    const won = await open({ 'groupbuy.group': group({ status: 'succeeded', slotsLeft: 0, joinedByMe: true, myCouponId: 'c_9' }) }, { groupId: 'g_2' });
    await tap(won.page, '.wallet');
    expect(wxStubs().navigateTo).toHaveBeenCalledWith({ url: '/pages/coupons/index?tab=wallet' });
  });

  it('ticks the countdown every second with the text only, and stops on hide', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    fakeBackend({ 'groupbuy.group': group({ expiresAt: new Date(Date.now() + 5_500).toISOString() }) });
    const page = load('pages/groupbuy/index');
    instance(page).onLoad({ groupId: 'g_1' });
    await jest.advanceTimersByTimeAsync(10);
    expect(text(page, '.countdown')).toBe('剩余 00:00:05');
    const setData = jest.spyOn(instance(page), 'setData');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(text(page, '.countdown')).toBe('剩余 00:00:04');
    expect(setData.mock.calls.map(([data]) => Object.keys(data))).toEqual([['countdown']]);
    instance(page).onHide();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(setData).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
    // Shown again: the group is re-read and the countdown resumes.
    instance(page).onShow();
    await jest.advanceTimersByTimeAsync(10);
    expect(text(page, '.countdown')).toBe('剩余 00:00:02');
    expect(jest.getTimerCount()).toBe(1);
    instance(page).onUnload();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('says 已结束 when the time runs out and clears the timer', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    fakeBackend({ 'groupbuy.group': group({ expiresAt: new Date(Date.now() + 1_500).toISOString() }) });
    const page = load('pages/groupbuy/index');
    instance(page).onLoad({ groupId: 'g_1' });
    await jest.advanceTimersByTimeAsync(2_100);
    expect(text(page, '.countdown')).toBe('已结束');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('shows GROUPBUY_NOT_FOUND for an unknown shared group', async () => {
    const { page } = await open({ 'groupbuy.group': failure('GROUPBUY_NOT_FOUND') }, { groupId: 'nope' });
    expect(text(page, '.store-error')).toBe('拼团活动或团不存在');
  });
});
