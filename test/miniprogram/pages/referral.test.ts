import { configure } from '../../../miniprogram/config';
import { memberStore } from '../../../miniprogram/stores/member-store';
import { referralStore } from '../../../miniprogram/stores/referral-store';
import { failure, fakeBackend } from '../support/fake-backend';
import { memberCard, referralSummary } from '../support/fixtures';
import { exists, instance, load, settle, tap, text, type Rendered } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => {
  memberStore.reset();
  referralStore.reset();
});

const INVITE = { inviteCode: 'ABC123', inviteePoints: 100, inviterPoints: 200, qualifyingMinFen: 5000 };

async function open(routes: Record<string, unknown>, query: Record<string, string> = {}): Promise<{ page: Rendered; backend: ReturnType<typeof fakeBackend> }> {
  const backend = fakeBackend({ 'member.card': memberCard(), 'referral.myInvite': INVITE, 'referral.summary': referralSummary(), ...routes });
  const page = load('pages/referral/index');
  await instance(page).onLoad(query);
  await settle(10);
  return { page, backend };
}

describe('referral page', () => {
  it('shows my invite code, the reward rule, counts and recent friends', async () => {
    const { page } = await open({});
    expect(text(page, '.invite__code')).toBe('ABC123');
    expect(text(page, '.invite__rule')).toBe('好友通过邀请注册并首次消费满 50 元后，好友得 100 积分，你得 200 积分');
    expect(text(page, '.invited')).toBe('3');
    expect(text(page, '.converted')).toBe('1');
    expect(text(page, '.reward-points')).toBe('200');
    expect(text(page, '.reward-coupons')).toBe('1');
    expect(text(page, '.cap')).toBe('本月已获奖励 1 / 10 次');
    expect(page.querySelectorAll('.friend__name').map((n) => n.dom?.textContent)).toEqual(['李*', '赵**']);
    expect(page.querySelectorAll('.friend__status').map((n) => n.dom?.textContent)).toEqual(['已消费', '已注册']);
  });

  it('shares a path carrying the invite code and copies the code', async () => {
    const { page } = await open({});
    expect(instance(page).onShareAppMessage()).toEqual({ title: '邀请你成为会员，首次消费得积分', path: '/pages/referral/index?inviteCode=ABC123' });
    await tap(page, '.copy');
    expect(wxStubs().setClipboardData).toHaveBeenCalledWith({ data: 'ABC123' });
  });

  it('shows an empty friends list', async () => {
    const { page } = await open({ 'referral.summary': referralSummary({ invited: 0, converted: 0, recent: [] }) });
    expect(text(page, '.recent .footer')).toBe('还没有好友通过你的邀请注册');
  });

  it('a visitor from an invite link sees the inviter and registers with the invite code', async () => {
    const { page, backend } = await open(
      { 'member.card': failure('NOT_REGISTERED'), 'referral.touch': { inviterName: '王**', attributable: true, reason: null }, 'member.register': { created: true, card: memberCard(), referral: { attributed: true, reason: null } } },
      { inviteCode: 'ABC123' },
    );
    expect(backend.calls.find((c) => c.action === 'touch')?.request).toEqual({ inviteCode: 'ABC123' });
    expect(text(page, '.welcome__from')).toBe('王** 邀请你成为会员');
    expect(exists(page, '.welcome__note')).toBe(false);
    const form = page.querySelector('#register')!;
    await tap(form, '.register__consent');
    await tap(form, '.register__submit');
    await settle(10);
    expect(backend.calls.find((c) => c.action === 'register')?.request).toEqual({ consentVersion: '2026-11', inviteCode: 'ABC123' });
    expect(text(page, '.invite__code')).toBe('ABC123');
    expect(memberStore.inviteCode).toBe('');
  });

  it('tells a visitor whose invite will not count, and shows REFERRAL_INVALID', async () => {
    const { page } = await open({ 'member.card': failure('NOT_REGISTERED'), 'referral.touch': { inviterName: '王**', attributable: false, reason: 'WINDOW_PASSED' } }, { inviteCode: 'OLD' });
    expect(text(page, '.welcome__note')).toBe('本次注册不计入邀请，仍可正常注册');
    referralStore.reset();
    const bad = await open({ 'member.card': failure('NOT_REGISTERED'), 'referral.touch': failure('REFERRAL_INVALID') }, { inviteCode: 'NOPE' });
    expect(text(bad.page, '.store-error')).toBe('邀请码无效');
    expect(exists(bad.page, '#register')).toBe(true);
  });

  it('shows the message of a failed load', async () => {
    const { page } = await open({ 'referral.summary': failure('INTERNAL') });
    expect(text(page, '.store-error')).toBe('系统开小差了，请稍后重试');
  });
});
