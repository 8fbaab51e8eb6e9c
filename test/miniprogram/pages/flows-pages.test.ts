// The pages added for sign-up, visitors, tier benefits, feedback/NPS and the till's manual entry,
// rendered with miniprogram-simulate over a table of backend answers (the real client and stores run).
import { configure } from '../../../miniprogram/config';
import { feedbackStore } from '../../../miniprogram/stores/feedback-store';
import { memberStore } from '../../../miniprogram/stores/member-store';
import { staffStore } from '../../../miniprogram/stores/staff-store';
import { FAKE_PHONE_CODE, failure, fakeBackend } from '../support/fake-backend';
import { memberCard, memberSummary } from '../support/fixtures';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exists, input, instance, load, MINIPROGRAM_ROOT, settle, tap, text, texts, waitFor } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

/** WeChat reads these attributes from the markup itself (they are not component data), so the markup is the contract. */
const markup = (path: string) => readFileSync(resolve(MINIPROGRAM_ROOT, path), 'utf8');

it('uses WeChat\'s own sign-up controls in the markup', () => {
  const form = markup('components/register-form/index.wxml');
  expect(form).toMatch(/<input[^>]*class="[^"]*nickname[^"]*"[^>]*type="nickname"/);
  expect(form).toMatch(/open-type="chooseAvatar"[^>]*bindchooseavatar=/);
  expect(form).toMatch(/open-type="getPhoneNumber"[^>]*bindgetphonenumber=/);
  expect(form).not.toMatch(/type="number"/);
  expect(markup('components/privacy-prompt/index.wxml')).toMatch(/id="agree-privacy"[^>]*open-type="agreePrivacyAuthorization"[^>]*bindagreeprivacyauthorization=/);
  expect(markup('pages/profile/index.wxml')).toMatch(/open-type="getPhoneNumber"/);
});

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => {
  memberStore.reset();
  feedbackStore.reset();
  staffStore.reset();
});

const CODE = { code: 'mc1.abc.def', expiresAt: new Date(Date.now() + 60_000).toISOString(), ttlSeconds: 60, confirmCode: '042917' };


describe('sign-up the WeChat way', () => {
  it('takes the nickname from the nickname input, the phone as a code, and binds it after joining', async () => {
    const backend = fakeBackend({
      'member.card': failure('NOT_REGISTERED'),
      'member.register': { created: true, card: memberCard(), welcome: { points: 50, coupons: [{ couponId: 'w1', title: '入会 5 元券' }] } },
      'member.bindPhone': { nickname: '微信昵称', birthday: null, phoneMasked: '138****8000', consentVersion: '2026-11' },
      'member.code': CODE,
    });
    const page = load('pages/card/index');
    instance(page).onShow();
    await settle(10);
    const form = page.querySelector('#register')!;
    await input(form, '.nickname', '微信昵称');
    form.querySelector('.avatar')?.dispatchEvent('chooseavatar', { detail: { avatarUrl: 'wxfile://tmp/avatar.png' } });
    await settle();
    expect(instance(form).data.avatarUrl).toBe('wxfile://tmp/avatar.png');
    expect(exists(form, '.register__avatar-img')).toBe(true);
    form.querySelector('.phone')?.dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'devtools-code' } });
    await waitFor(() => text(form, '.phone-state') !== '');
    await tap(form, '.register__consent');
    await tap(form, '.register__submit');
    await waitFor(() => exists(page, '.welcome'));
    const register = backend.calls.find((c) => c.action === 'register')!;
    expect(register.request).toEqual({ consentVersion: '2026-11', nickname: '微信昵称' });
    expect(JSON.stringify(register.request)).not.toMatch(/1[3-9]\d{9}/);
    expect(backend.calls.find((c) => c.action === 'bindPhone')?.request).toEqual({ code: FAKE_PHONE_CODE });
    expect(text(page, '.welcome')).toContain('50 积分');
    expect(text(page, '.welcome')).toContain('入会 5 元券');
    instance(page).onHide();
  });

  it('opens the privacy contract from 《隐私政策》 without ticking consent', async () => {
    fakeBackend({ 'member.card': failure('NOT_REGISTERED') });
    const page = load('pages/card/index');
    instance(page).onShow();
    await settle(10);
    const form = page.querySelector('#register')!;
    await tap(form, '.policy-link');
    expect(wxStubs().openPrivacyContract).toHaveBeenCalled();
    expect(instance(form).data.consented).toBe(false);
  });

  it('shows the custom privacy prompt when WeChat asks, and resolves agree only from the agree button', async () => {
    fakeBackend({ 'member.card': failure('NOT_REGISTERED') });
    const page = load('pages/card/index');
    instance(page).onShow();
    await settle(10);
    const listener = wxStubs().onNeedPrivacyAuthorization.mock.calls.at(-1)?.[0] as (resolve: (r: unknown) => void) => void;
    expect(typeof listener).toBe('function');
    const prompt = page.querySelector('#register')!.querySelector('#privacy')!;
    const resolve = jest.fn();
    listener(resolve);
    await settle();
    expect(exists(prompt, '.privacy')).toBe(true);
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
    prompt.querySelector('#agree-privacy')?.dispatchEvent('agreeprivacyauthorization');
    await settle();
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'agree-privacy' });
    expect(exists(prompt, '.privacy')).toBe(false);
    const second = jest.fn();
    listener(second);
    await settle();
    await tap(prompt, '.privacy__disagree');
    expect(second).toHaveBeenLastCalledWith({ event: 'disagree' });
  });

  it('lets a visitor browse tiers, coupons and deals from the card before joining', async () => {
    fakeBackend({ 'member.card': failure('NOT_REGISTERED') });
    const page = load('pages/card/index');
    instance(page).onShow();
    await settle(10);
    for (const name of ['tiers', 'coupons', 'groupbuy']) await tap(page, `.browse-${name}`);
    expect(wxStubs().navigateTo.mock.calls.map(([o]) => o.url)).toEqual(['/pages/tiers/index', '/pages/coupons/index', '/pages/groupbuy/index']);
  });

});

describe('card: member code at the till', () => {
  it('raises the screen to full brightness while the code shows and restores the user\'s level on hide', async () => {
    fakeBackend({ 'member.card': memberCard(), 'member.code': CODE });
    const page = load('pages/card/index');
    instance(page).onShow();
    await waitFor(() => wxStubs().setScreenBrightness.mock.calls.length > 0);
    expect(wxStubs().setScreenBrightness).toHaveBeenLastCalledWith({ value: 1 });
    await waitFor(() => text(page, '.confirm-code__digits') === '042917');
    instance(page).onHide();
    expect(wxStubs().setScreenBrightness).toHaveBeenLastCalledWith({ value: 0.4 });
    expect(wxStubs().setScreenBrightness).toHaveBeenCalledTimes(2);
  });

  it('restores brightness on unload too, and leaves it alone when no code was shown', async () => {
    fakeBackend({ 'member.card': memberCard(), 'member.code': failure('INTERNAL') });
    const page = load('pages/card/index');
    instance(page).onShow();
    await settle(20);
    instance(page).onUnload();
    expect(wxStubs().setScreenBrightness).not.toHaveBeenCalled();
  });
});

describe('card: NPS after a purchase', () => {
  it('asks once without blocking the card, and sends the tapped score', async () => {
    const backend = fakeBackend({ 'member.card': memberCard(), 'member.code': CODE, 'feedback.npsPrompt': { due: true, period: '2026-Q1' }, 'feedback.answerNps': { recorded: true, period: '2026-Q1' } });
    const page = load('pages/card/index');
    instance(page).onShow();
    await waitFor(() => exists(page, '.nps'));
    expect(text(page, '.card__tier')).toBe('白银');
    await tap(page, '.nps-score-9');
    await settle(10);
    expect(backend.calls.find((c) => c.action === 'answerNps')?.request).toEqual({ score: 9 });
    expect(exists(page, '.nps')).toBe(false);
    instance(page).onHide();
  });

  it('lets the member put it off for the period', async () => {
    const backend = fakeBackend({ 'member.card': memberCard(), 'member.code': CODE, 'feedback.npsPrompt': { due: true, period: '2026-Q1' }, 'feedback.dismissNps': { period: '2026-Q1' } });
    const page = load('pages/card/index');
    instance(page).onShow();
    await waitFor(() => exists(page, '.nps'));
    await tap(page, '.nps__later');
    await settle(10);
    expect(backend.calls.some((c) => c.action === 'dismissNps')).toBe(true);
    expect(exists(page, '.nps')).toBe(false);
    instance(page).onHide();
  });
});

describe('feedback page', () => {
  it('checks the form, files the feedback once per tap and lists it with its status', async () => {
    const filed = { feedbackId: 'fb1', category: 'service', text: '排队时间太长了', orderNo: 'SO1', status: 'open', reply: null, createdAt: '2026-03-10T10:00:00+08:00', updatedAt: '2026-03-10T10:00:00+08:00' };
    const backend = fakeBackend({ 'feedback.mine': { items: [] }, 'feedback.submit': filed });
    const page = load('pages/feedback/index');
    instance(page).onShow();
    await settle(10);
    expect(text(page, '.empty')).toBe('暂无反馈');
    await input(page, '.text', '差');
    await tap(page, '.submit');
    expect(text(page, '.form-error')).toBe('请至少填写 5 个字');
    instance(page).onCategory({ detail: { value: 1 } });
    await input(page, '.text', '排队时间太长了');
    await input(page, '.order-no', 'SO1');
    backend.set('feedback.mine', { items: [{ ...filed, status: 'in_progress', reply: '已安排增加收银员' }] });
    await tap(page, '.submit');
    await waitFor(() => texts(page, '.item__status').length === 1);
    const submit = backend.calls.find((c) => c.action === 'submit')!;
    expect(submit.request).toEqual({ category: 'service', text: '排队时间太长了', orderNo: 'SO1', requestKey: expect.any(String) });
    expect(text(page, '.item__status')).toBe('处理中');
    expect(text(page, '.item__reply')).toBe('回复：已安排增加收银员');
  });

  it('resends the same request key after an unanswered submission', async () => {
    const backend = fakeBackend({ 'feedback.mine': { items: [] } });
    const page = load('pages/feedback/index');
    instance(page).onShow();
    await settle(10);
    await input(page, '.text', '积分没有到账怎么办');
    await tap(page, '.submit');
    await settle(10);
    expect(text(page, '.store-error')).toBe('网络异常，请检查网络后重试');
    await tap(page, '.submit');
    await settle(10);
    const keys = backend.calls.filter((c) => c.action === 'submit').map((c) => c.request.requestKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });
});

describe('till: manual entry when the camera fails', () => {
  const ME = { staffId: 's1', name: '李收银', role: 'cashier', storeId: 'store_1', storeName: '南京西路店' };

  it('sends the card number and the member\'s confirmation code, then shows the member', async () => {
    const backend = fakeBackend({ 'staff.me': ME, 'staff.manualEntry': { sessionId: 'sess_m', sessionExpiresAt: '2026-03-10T02:10:00.000Z', member: memberSummary() } });
    const page = load('staff/till/index');
    instance(page).onLoad();
    await settle(10);
    await tap(page, '.manual-toggle');
    await input(page, '.manual-card', '8123 4567 8901');
    await input(page, '.manual-code', '12345');
    await tap(page, '.manual-submit');
    expect(text(page, '.form-error')).toBe('请输入会员读出的 6 位确认码');
    await input(page, '.manual-code', '042917');
    await tap(page, '.manual-submit');
    await waitFor(() => text(page, '.member__name') !== '');
    expect(backend.calls.find((c) => c.action === 'manualEntry')?.request).toEqual({ cardNo: '812345678901', confirmCode: '042917' });
    expect(text(page, '.member__name')).toBe('王**');
  });

  it('shows the server\'s refusal in Chinese (wrong code, rate limit)', async () => {
    fakeBackend({ 'staff.me': ME, 'staff.manualEntry': failure('CONFIRM_CODE_INVALID') });
    const page = load('staff/till/index');
    instance(page).onLoad();
    await settle(10);
    await tap(page, '.manual-toggle');
    await input(page, '.manual-card', '812345678901');
    await input(page, '.manual-code', '000000');
    await tap(page, '.manual-submit');
    await waitFor(() => page.dom?.textContent?.includes('卡号或确认码不正确') ?? false);
    expect(exists(page, '.member')).toBe(false);
  });
});
