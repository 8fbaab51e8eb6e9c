// Subscription prompts come only from a tap (WeChat: wx.requestSubscribeMessage "只能在用户点击行为后
// 调用" — a tap, never on load), and the tap's result reaches both the platform's record (the
// emulator's choices route in the develop version) and notify.recordChoices. Plus the inbox page
// (消息中心) and the profile's per-kind switches.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configure } from '../../../miniprogram/config';
import { memberStore } from '../../../miniprogram/stores/member-store';
import { notifyStore } from '../../../miniprogram/stores/notify-store';
import { pointsStore } from '../../../miniprogram/stores/points-store';
import type { InboxItem, KindStatus } from '../../../typings/api/notify';
import { fakeBackend } from '../support/fake-backend';
import { ledgerEntries, memberCard } from '../support/fixtures';
import { instance, load, MINIPROGRAM_ROOT, settle, tap, text, texts, type Rendered } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => {
  notifyStore.reset();
  memberStore.reset();
  pointsStore.reset();
});

const kinds = (over: Partial<Record<KindStatus['kind'], Partial<KindStatus>>> = {}): KindStatus[] =>
  (['pointsExpiring', 'couponExpiring', 'groupResult', 'tierUp', 'tierRetention', 'birthdayGift', 'campaignReward'] as const).map((kind) => ({ kind, templateId: `tmpl_${kind}`, remaining: 0, optedOut: false, ...over[kind] }));

const item = (over: Partial<InboxItem> = {}): InboxItem => ({ id: 'n1', type: 'pointsExpiring', title: '积分即将过期', body: '您有 80 积分将于 2026年03月31日 过期，请及时使用。', page: 'pages/points/index', createdAt: '2026-03-25T02:00:00.000Z', read: false, ...over });

/** Taps the 订阅 button inside the page's subscribe-button component (`host` is its class on the page). */
async function tapSubscribe(page: Rendered, host: string): Promise<void> {
  const button = page.querySelector(host)?.querySelector('.subscribe-button');
  if (!button) throw new Error(`no subscribe button in ${host}`);
  button.dispatchEvent('tap');
  await settle(10);
}

const choicesPosts = () => wxStubs().request.mock.calls.map(([o]) => o as WechatMiniprogram.RequestOption).filter((o) => String(o.url).endsWith('/openapi/subscribe-message/choices'));

describe('subscription prompts', () => {
  it('pages load and show without prompting; the 订阅 tap prompts for its kinds and records the answer on both sides', async () => {
    const backend = fakeBackend({ 'member.card': memberCard(), 'points.history': { items: ledgerEntries(2), nextCursor: null }, 'notify.subscriptions': { kinds: kinds() }, 'notify.recordChoices': { kinds: kinds({ pointsExpiring: { remaining: 1 } }) } });
    const page = load('pages/points/index');
    instance(page).onLoad();
    instance(page).onShow();
    await settle(10);
    instance(page).onPullDownRefresh();
    await settle(10);
    expect(wxStubs().requestSubscribeMessage).not.toHaveBeenCalled();
    expect(backend.calls.filter((c) => c.action === 'subscriptions')).toHaveLength(1);

    wxStubs().requestSubscribeMessage.mockImplementation((options: WechatMiniprogram.RequestSubscribeMessageOption) =>
      options.success?.({ errMsg: 'requestSubscribeMessage:ok', tmpl_pointsExpiring: 'accept' } as unknown as WechatMiniprogram.RequestSubscribeMessageSuccessCallbackResult),
    );
    await tapSubscribe(page, '.subscribe-points');
    await settle(10);
    expect(wxStubs().requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(wxStubs().requestSubscribeMessage.mock.calls[0][0]).toMatchObject({ tmplIds: ['tmpl_pointsExpiring'] });
    expect(backend.calls.filter((c) => c.action === 'recordChoices').map((c) => c.request)).toEqual([{ choices: { tmpl_pointsExpiring: 'accept' } }]);
    expect(choicesPosts()).toEqual([expect.objectContaining({ method: 'POST', header: expect.objectContaining({ 'x-wx-openid': 'demo_shopper' }), data: { errMsg: 'requestSubscribeMessage:ok', tmpl_pointsExpiring: 'accept' } })]);
    expect(notifyStore.kinds.find((k) => k.kind === 'pointsExpiring')?.remaining).toBe(1);
    expect(wxStubs().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '订阅成功' }));
  });

  it('the card asks for tier and birthday kinds together; a rejection records nothing accepted', async () => {
    const backend = fakeBackend({ 'member.card': memberCard(), 'member.code': { code: 'c', expiresAt: '2099-01-01T00:00:00.000Z' }, 'notify.subscriptions': { kinds: kinds({ tierRetention: { templateId: null } }) }, 'notify.recordChoices': { kinds: kinds() } });
    const page = load('pages/card/index');
    instance(page).onShow();
    await settle(10);
    expect(wxStubs().requestSubscribeMessage).not.toHaveBeenCalled();
    wxStubs().requestSubscribeMessage.mockImplementation((options: WechatMiniprogram.RequestSubscribeMessageOption) =>
      options.success?.({ errMsg: 'requestSubscribeMessage:ok', tmpl_tierUp: 'reject', tmpl_birthdayGift: 'reject' } as unknown as WechatMiniprogram.RequestSubscribeMessageSuccessCallbackResult),
    );
    await tapSubscribe(page, '.subscribe-card');
    await settle(10);
    // tierRetention has no template configured: only the configured ones are asked for.
    expect(wxStubs().requestSubscribeMessage.mock.calls[0][0]).toMatchObject({ tmplIds: ['tmpl_tierUp', 'tmpl_birthdayGift'] });
    expect(backend.calls.filter((c) => c.action === 'recordChoices').map((c) => c.request)).toEqual([{ choices: { tmpl_tierUp: 'reject', tmpl_birthdayGift: 'reject' } }]);
    expect(wxStubs().showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '订阅成功' }));
    instance(page).onHide();
  });

  it('nothing in the mini-program prompts except the store’s subscribe, and only the button’s tap handler calls it', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name === 'node_modules' || name === 'miniprogram_npm') continue;
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts')) files.push(path);
      }
    };
    walk(MINIPROGRAM_ROOT);
    const prompting = files.filter((f) => readFileSync(f, 'utf8').includes('requestSubscribeMessage('));
    expect(prompting.map((f) => f.slice(MINIPROGRAM_ROOT.length + 1))).toEqual(['stores/notify-store.ts']);
    const subscribing = files.filter((f) => /notifyStore\.subscribe\(/.test(readFileSync(f, 'utf8')));
    expect(subscribing.map((f) => f.slice(MINIPROGRAM_ROOT.length + 1))).toEqual(['components/subscribe-button/index.ts']);
    expect(readFileSync(join(MINIPROGRAM_ROOT, 'components/subscribe-button/index.ts'), 'utf8')).toMatch(/onTap\(\) \{[^}]*notifyStore\.subscribe\(kinds\);/);
    expect(readFileSync(join(MINIPROGRAM_ROOT, 'components/subscribe-button/index.wxml'), 'utf8')).toContain('bindtap="onTap"');
  });
});

describe('消息中心', () => {
  it('lists entries with unread marks and opens one, marking it read', async () => {
    const backend = fakeBackend({
      'notify.inbox': { items: [item(), item({ id: 'n2', type: 'groupSucceeded', title: '拼团成功', body: '「奶茶」拼团成功', page: 'pages/groupbuy/index', read: true })], unread: 1, next: null },
      'notify.markRead': { unread: 0 },
    });
    const page = load('pages/inbox/index');
    instance(page).onShow();
    await settle(10);
    expect(texts(page, '.message__title')).toEqual(['积分即将过期', '拼团成功']);
    expect(page.querySelectorAll('.message--unread')).toHaveLength(1);
    expect(text(page, '.inbox__unread')).toBe('1 条未读');
    await tap(page, '.message--unread');
    await settle(10);
    expect(backend.calls.filter((c) => c.action === 'markRead').map((c) => c.request)).toEqual([{ ids: ['n1'] }]);
    expect(wxStubs().switchTab).toHaveBeenCalledWith({ url: '/pages/points/index' });
    expect(page.querySelectorAll('.message--unread')).toHaveLength(0);
    expect(wxStubs().requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('shows an empty state', async () => {
    fakeBackend({ 'notify.inbox': { items: [], unread: 0, next: null } });
    const page = load('pages/inbox/index');
    instance(page).onShow();
    await settle(10);
    expect(text(page, '.footer')).toBe('暂无消息');
  });
});

describe('profile: 消息提醒', () => {
  it('lists each configured kind with what is left, and the switch stops a kind', async () => {
    const backend = fakeBackend({ 'notify.subscriptions': { kinds: kinds({ tierUp: { remaining: 2 }, campaignReward: { templateId: null } }) }, 'notify.setOptOut': { kinds: kinds({ tierUp: { remaining: 2, optedOut: true } }) } });
    const section = load('components/notify-settings/index');
    await settle(10);
    expect(texts(section, '.notify-kind__label')).toEqual(['积分过期提醒', '优惠券到期提醒', '拼团结果通知', '会员升级通知', '会员保级提醒', '生日礼到账通知']);
    expect(texts(section, '.notify-kind__remaining')[3]).toBe('可接收 2 次');
    const switches = section.querySelectorAll('.notify-kind__switch');
    switches[3].dispatchEvent('change', { detail: { value: false } });
    await settle(10);
    expect(backend.calls.filter((c) => c.action === 'setOptOut').map((c) => c.request)).toEqual([{ kind: 'tierUp', optedOut: true }]);
    expect(wxStubs().requestSubscribeMessage).not.toHaveBeenCalled();
  });
});
