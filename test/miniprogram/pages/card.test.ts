import { memberStore } from '../../../miniprogram/stores/member-store';
import { configure } from '../../../miniprogram/config';
import { failure, fakeBackend } from '../support/fake-backend';
import { memberCard } from '../support/fixtures';
import { exists, instance, load, settle, tap, text, texts, waitFor } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => memberStore.reset());
afterEach(() => jest.useRealTimers());

const CODE = { code: 'mc1.abc.def', expiresAt: new Date(Date.now() + 60_000).toISOString(), ttlSeconds: 60 };

describe('card page', () => {
  it('shows tier, progress to the next tier, points and debt', async () => {
    fakeBackend({ 'member.card': memberCard({ points: { available: 1234, pending: 56, debt: 9, expiringSoon: { points: 78, withinDays: 30, earliestAt: null } } }), 'member.code': CODE });
    const page = load('pages/card/index');
    instance(page).onShow();
    await settle(10);
    expect(text(page, '.card__tier')).toBe('白银');
    expect(page.querySelector('.card')?.dom?.getAttribute('style')).toContain('#a8a9ad');
    expect(text(page, '.points__value.available')).toBe('1234');
    expect(text(page, '.points__value.pending')).toBe('56');
    expect(text(page, '.points__value.expiring')).toBe('78');
    expect(text(page, '.debt')).toContain('9');
    expect(text(page.querySelector('#progress')!, '.progress__text')).toBe('还差 120 成长值升级为 黄金');
  });

  it('draws the member code on the canvas', async () => {
    fakeBackend({ 'member.card': memberCard(), 'member.code': CODE });
    const page = load('pages/card/index');
    instance(page).onShow();
    await waitFor(() => wxStubs().canvas.painted.length > 50);
    expect(page.querySelector('#qr')!.instance.data.drawnCode).toBe(CODE.code);
  });

  it('asks a first-time visitor to register with the server policy version', async () => {
    const backend = fakeBackend({ 'member.card': failure('NOT_REGISTERED'), 'member.register': failure('CONSENT_REQUIRED', { policyVersion: '2027-01' }) });
    const page = load('pages/card/index');
    instance(page).onShow();
    await settle(10);
    const form = page.querySelector('#register');
    expect(form).toBeTruthy();
    await tap(form!, '.register__submit');
    expect(form!.dom?.textContent).toContain('请先阅读并同意隐私政策');
    expect(backend.calls.filter((c) => c.action === 'register')).toHaveLength(0);
    await tap(form!, '.register__consent');
    await tap(form!, '.register__submit');
    await settle(10);
    expect(form!.dom?.textContent).toContain('请阅读并同意最新的隐私政策');
    expect(form!.dom?.textContent).toContain('2027-01');
    backend.set('member.register', { created: true, card: memberCard() });
    backend.set('member.code', CODE);
    await tap(form!, '.register__submit');
    await settle(10);
    expect(backend.calls.filter((c) => c.action === 'register').map((c) => c.request.consentVersion)).toEqual(['2026-11', '2027-01']);
    expect(text(page, '.card__tier')).toBe('白银');
  });

  it('shows the error message and retries on tap', async () => {
    const backend = fakeBackend({ 'member.card': failure('INTERNAL') });
    const page = load('pages/card/index');
    instance(page).onShow();
    await settle(10);
    expect(text(page, '.error')).toBe('系统开小差了，请稍后重试');
    backend.set('member.card', memberCard());
    backend.set('member.code', CODE);
    await tap(page, '.retry');
    await settle(10);
    expect(exists(page, '.card')).toBe(true);
  });

  it('refreshes the code before it expires and on pull-down', async () => {
    const backend = fakeBackend({ 'member.card': memberCard(), 'member.code': () => ({ ...CODE, expiresAt: new Date(Date.now() + 30_000).toISOString() }) });
    const page = load('pages/card/index');
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    instance(page).onShow();
    await jest.advanceTimersByTimeAsync(10);
    expect(backend.calls.filter((c) => c.action === 'code')).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(backend.calls.filter((c) => c.action === 'code')).toHaveLength(2);
    const pulled = instance(page).onPullDownRefresh();
    await jest.advanceTimersByTimeAsync(10);
    await pulled;
    expect(wxStubs().stopPullDownRefresh).toHaveBeenCalled();
    instance(page).onHide();
    const before = backend.calls.length;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(backend.calls.length).toBe(before);
  });

  it('links to coupons, group-buy, referral, offers, tier benefits and feedback in 更多', async () => {
    fakeBackend({ 'member.card': memberCard(), 'member.code': CODE });
    const page = load('pages/card/index');
    instance(page).onShow();
    await settle(10);
    expect(texts(page, '.more__link')).toEqual(['优惠券', '拼团', '邀请有礼', '专属活动', '会员权益', '意见反馈']);
    for (const name of ['coupons', 'groupbuy', 'referral', 'offers', 'tiers', 'feedback']) await tap(page, `.more-${name}`);
    expect(wxStubs().navigateTo.mock.calls.map(([o]) => o.url)).toEqual(['/pages/coupons/index', '/pages/groupbuy/index', '/pages/referral/index', '/pages/offers/index', '/pages/tiers/index', '/pages/feedback/index']);
    instance(page).onHide();
  });

  it('registers with the invite code of the launch query', async () => {
    const backend = fakeBackend({ 'member.card': failure('NOT_REGISTERED'), 'member.register': { created: true, card: memberCard() }, 'member.code': CODE });
    const page = load('pages/card/index');
    instance(page).onLoad({ inviteCode: 'INV42' });
    instance(page).onShow();
    await settle(10);
    const form = page.querySelector('#register')!;
    await tap(form, '.register__consent');
    await tap(form, '.register__submit');
    await settle(10);
    expect(backend.calls.find((c) => c.action === 'register')?.request).toEqual({ consentVersion: '2026-11', inviteCode: 'INV42' });
    instance(page).onHide();
  });
});
