import { configure } from '../../../miniprogram/config';
import { couponStore } from '../../../miniprogram/stores/coupon-store';
import { memberStore } from '../../../miniprogram/stores/member-store';
import { failure, fakeBackend } from '../support/fake-backend';
import { coupon, couponTemplate, memberCard } from '../support/fixtures';
import { exists, instance, load, settle, tap, tapTab, text, type Rendered, texts, waitFor } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => {
  couponStore.reset();
  memberStore.reset();
});

const WALLET = {
  usable: [coupon({ couponId: 'c_late', title: '晚到期券', expiresAt: '2026-04-30T15:59:59.999Z' }), coupon({ couponId: 'c_soon', title: '快过期券', expiringSoon: true })],
  used: [coupon({ couponId: 'c_used', title: '用过的券', status: 'used', usedAt: '2026-03-03T02:00:00.000Z' })],
  expired: [coupon({ couponId: 'c_old', title: '过期的券', status: 'expired', expiresAt: '2026-02-01T15:59:59.999Z' })],
};

async function open(routes: Record<string, unknown>, query: Record<string, string> = {}): Promise<{ page: Rendered; backend: ReturnType<typeof fakeBackend> }> {
  const backend = fakeBackend({ 'coupon.listTemplates': { templates: [] }, 'coupon.wallet': { usable: [], used: [], expired: [] }, ...routes });
  const page = load('pages/coupons/index');
  instance(page).onLoad(query);
  instance(page).onShow();
  await settle(10);
  return { page, backend };
}

describe('coupons page', () => {
  it('lists claimable templates with the reason when not claimable', async () => {
    const { page } = await open({
      'coupon.listTemplates': {
        templates: [
          couponTemplate(),
          couponTemplate({ templateId: 'tpl_pct', title: '85折券', benefit: { kind: 'percent_off', thresholdFen: 0, discountPermille: 150, capFen: 5000 }, pointsPrice: 500 }),
          couponTemplate({ templateId: 'tpl_gold', title: '黄金专享', claimable: false, reason: 'TIER_TOO_LOW' }),
          couponTemplate({ templateId: 'tpl_gone', title: '抢光了', claimable: false, reason: 'OUT_OF_STOCK', remainingStock: 0 }),
        ],
      },
    });
    expect(texts(page, '.template .coupon__title')).toEqual(['满100减20', '85折券', '黄金专享', '抢光了']);
    expect(texts(page, '.template .coupon__value')).toEqual(['¥20', '8.5折', '¥20', '¥20']);
    expect(texts(page, '.template .coupon__rule')[1]).toBe('无门槛，最多减50元');
    expect(texts(page, '.template .coupon__when')[0]).toBe('领取后 7 天内有效 · 剩余 42 张');
    expect(texts(page, '.claim')).toEqual(['领取', '500 积分兑换', '会员等级不足', '已领完']);
  });

  it('claims a free coupon, toasts and refreshes the wallet', async () => {
    let claimed = false;
    const { page, backend } = await open({
      'coupon.listTemplates': () => ({ templates: [couponTemplate(claimed ? { claimable: false, reason: 'LIMIT_REACHED', claimedByMe: 1 } : {})] }),
      'coupon.wallet': () => ({ usable: claimed ? [coupon()] : [], used: [], expired: [] }),
      'coupon.claim': () => {
        claimed = true;
        return { coupon: coupon(), pointsSpent: 0 };
      },
    });
    await tap(page, '.claim');
    await settle(10);
    expect(backend.calls.find((c) => c.action === 'claim')?.request).toEqual({ templateId: 'tpl_cash20', requestKey: expect.stringMatching(/^[a-z0-9]{8,20}$/) });
    expect(wxStubs().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '领取成功' }));
    expect(text(page, '.claim')).toBe('已达领取上限');
    await tapTab(page, '.tabs', 1);
    expect(texts(page, '.owned .coupon__title')).toEqual(['满100减20']);
  });

  it('resends the same claim key after a network failure, and a new one for the next claim', async () => {
    const { page, backend } = await open({
      'coupon.listTemplates': () => ({ templates: [couponTemplate()] }),
      'coupon.wallet': () => ({ usable: [], used: [], expired: [] }),
    });
    await tap(page, '.claim'); // no route for coupon.claim: the call gets no answer
    await settle(10);
    backend.set('coupon.claim', () => ({ coupon: coupon(), pointsSpent: 0 }));
    await tap(page, '.claim');
    await settle(10);
    await tap(page, '.claim');
    await settle(10);
    const keys = backend.calls.filter((c) => c.action === 'claim').map((c) => c.request.requestKey);
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('exchanges points only after confirmation and reloads the card balance', async () => {
    const { page, backend } = await open({
      'coupon.listTemplates': { templates: [couponTemplate({ pointsPrice: 300 })] },
      'coupon.claim': { coupon: coupon({ source: 'points' }), pointsSpent: 300 },
      'member.card': memberCard(),
    });
    wxStubs().showModal.mockImplementationOnce((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => o.success?.({ confirm: false, cancel: true }));
    await tap(page, '.claim');
    expect(backend.calls.some((c) => c.action === 'claim')).toBe(false);
    await tap(page, '.claim');
    await settle(10);
    expect(wxStubs().showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: '确定使用 300 积分兑换「满100减20」吗？' }));
    expect(wxStubs().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已兑换，消耗 300 积分' }));
    expect(backend.calls.some((c) => c.action === 'card')).toBe(true);
  });

  it.each([
    ['COUPON_OUT_OF_STOCK', '优惠券已被领完'],
    ['COUPON_LIMIT_REACHED', '已达到该优惠券的领取上限'],
    ['INSUFFICIENT_POINTS', '积分不足'],
    ['COUPON_TIER_TOO_LOW', '会员等级不满足领取条件'],
  ] as const)('shows %s when a claim is refused', async (code, message) => {
    const { page } = await open({ 'coupon.listTemplates': { templates: [couponTemplate()] }, 'coupon.claim': failure(code) });
    await tap(page, '.claim');
    await settle(10);
    expect(text(page, '.store-error')).toBe(message);
  });

  it('groups the wallet 可用 / 已使用 / 已过期 with expiring-soon first', async () => {
    const { page } = await open({ 'coupon.wallet': WALLET }, { tab: 'wallet' });
    expect(texts(page, '.subtab')).toEqual(['可用（2）', '已使用（1）', '已过期（1）']);
    expect(texts(page, '.owned .coupon__title')).toEqual(['快过期券', '晚到期券']);
    expect(text(page, '.coupon__badge')).toBe('即将过期');
    await tap(page, '.subtab-used');
    expect(texts(page, '.owned .coupon__title')).toEqual(['用过的券']);
    expect(text(page, '.owned .coupon__when')).toBe('已于 2026-03-03 使用');
    await tap(page, '.subtab-expired');
    expect(texts(page, '.owned .coupon__title')).toEqual(['过期的券']);
    expect(exists(page, '.coupon--expired')).toBe(true);
  });

  it('opens a coupon detail section and goes back', async () => {
    const { page } = await open({ 'coupon.wallet': WALLET }, { tab: 'wallet' });
    await tap(page, '.owned');
    expect(text(page, '.detail__title')).toBe('快过期券');
    expect(text(page, '.detail__rule')).toBe('满100元可用');
    expect(text(page, '.detail__stack')).toBe('不可与其他优惠券同时使用');
    expect(text(page, '.detail__source')).toContain('来源：领券中心');
    await tap(page, '.detail__use');
    expect(wxStubs().switchTab).toHaveBeenCalledWith({ url: '/pages/card/index' });
    await tap(page, '.detail__close');
    expect(exists(page, '.detail')).toBe(false);
    expect(exists(page, '.owned')).toBe(true);
  });

  it('does not push unchanged lists again on a refresh', async () => {
    const { page } = await open({ 'coupon.listTemplates': { templates: [couponTemplate()] }, 'coupon.wallet': WALLET });
    const setData = jest.spyOn(instance(page), 'setData');
    instance(page).onShow();
    await settle(10);
    const keys = setData.mock.calls.flatMap(([data]) => Object.keys(data));
    expect(keys).not.toContain('templateRows');
    expect(keys).not.toContain('usableRows');
  });

  it('shows the message of a failed load', async () => {
    const { page } = await open({ 'coupon.wallet': failure('INTERNAL') });
    expect(text(page, '.store-error')).toBe('系统开小差了，请稍后重试');
  });

  it('lets a visitor browse the claim centre and asks them to join when they claim', async () => {
    const { page, backend } = await open({
      'coupon.listTemplates': failure('NOT_REGISTERED'),
      'coupon.wallet': failure('NOT_REGISTERED'),
      'coupon.browseTemplates': { templates: [couponTemplate()] },
    });
    await waitFor(() => exists(page, '.visitor-hint'));
    expect(couponStore.visitor).toBe(true);
    expect(text(page, '.store-error')).toBe('');
    await tap(page, '.claim');
    expect(backend.calls.some((c) => c.action === 'claim')).toBe(false);
    expect(wxStubs().showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '加入会员' }));
    expect(wxStubs().navigateTo).toHaveBeenCalledWith({ url: '/pages/join/index' });
  });
});
