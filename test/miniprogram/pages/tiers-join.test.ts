// The tier benefits page and the join page. Own file: each page brings its components into this
// file's module registry (support/load.ts loads a definition once per registry).
import { configure } from '../../../miniprogram/config';
import { benefitsStore } from '../../../miniprogram/stores/benefits-store';
import { memberStore } from '../../../miniprogram/stores/member-store';
import { fakeBackend } from '../support/fake-backend';
import { memberCard } from '../support/fixtures';
import { exists, instance, load, settle, tap, text, texts, waitFor } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => {
  memberStore.reset();
  benefitsStore.reset();
});

const LADDER = [
  { code: 'bronze', name: '青铜', color: '#b08d57', textColor: '#1a1a1a', threshold: 0, benefits: { pointsMultiplierPermille: 1000, birthdayGiftPoints: 0, perks: ['消费积分'] } },
  { code: 'silver', name: '白银', color: '#a8a9ad', textColor: '#1a1a1a', threshold: 1000, benefits: { pointsMultiplierPermille: 1200, birthdayGiftPoints: 100, perks: ['1.2倍积分', '生日礼'] } },
  { code: 'gold', name: '黄金', color: '#d4af37', textColor: '#1a1a1a', threshold: 5000, benefits: { pointsMultiplierPermille: 1500, birthdayGiftPoints: 300, perks: ['1.5倍积分', '生日礼', '会员专享券'] } },
];

describe('tier benefits page', () => {
  it('shows every tier side by side with the member\'s progress and what keeping the tier takes', async () => {
    fakeBackend({
      'member.benefits': {
        tiers: LADDER,
        growthWindowMonths: 12,
        member: { tier: 'silver', growth: 1200, nextTier: { code: 'gold', name: '黄金', threshold: 5000, missing: 3800 }, retention: { reviewAt: '2026-12-01T12:00:00+08:00', protectedUntil: null, growthCountingAtReview: 700, neededToKeep: 300, dropsTo: { code: 'bronze', name: '青铜' } } },
      },
    });
    const page = load('pages/tiers/index');
    instance(page).onShow();
    await waitFor(() => texts(page, '.tier__head').length === 3);
    expect(texts(page, '.tier__head')).toEqual(['青铜', '白银', '黄金']);
    expect(texts(page, '.tier__multiplier')).toEqual(['1 倍积分', '1.2 倍积分', '1.5 倍积分']);
    expect(page.querySelectorAll('.tier--current').length).toBe(1);
    expect(text(page.querySelector('#progress')!, '.progress__text')).toBe('成长值 1200，还差 3800 升级为 黄金');
    expect(text(page, '.retention')).toBe('2026-12-01 前还需 300 成长值保持 白银，否则降为 青铜');
  });

  it('shows a visitor the ladder and a way to join', async () => {
    fakeBackend({ 'member.benefits': { tiers: LADDER, growthWindowMonths: 12, member: null } });
    const page = load('pages/tiers/index');
    instance(page).onShow();
    await waitFor(() => exists(page, '.join'));
    expect(exists(page, '.retention')).toBe(false);
    await tap(page, '.join');
    expect(wxStubs().navigateTo).toHaveBeenCalledWith({ url: '/pages/join/index' });
  });
});

describe('join page', () => {
  it('join page goes back to where the visitor came from once registered', async () => {
    fakeBackend({ 'member.register': { created: true, card: memberCard() } });
    (globalThis as unknown as { getCurrentPages: () => unknown[] }).getCurrentPages = () => [{}, {}];
    const page = load('pages/join/index');
    const form = page.querySelector('#register')!;
    await tap(form, '.register__consent');
    await tap(form, '.register__submit');
    await settle(10);
    expect(wxStubs().navigateBack).toHaveBeenCalledWith({ delta: 1 });
  });
});
