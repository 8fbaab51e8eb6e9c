import { configure } from '../../../miniprogram/config';
import { ERROR_MESSAGES } from '../../../miniprogram/services/error-messages';
import { couponStore } from '../../../miniprogram/stores/coupon-store';
import { groupbuyStore } from '../../../miniprogram/stores/groupbuy-store';
import { memberStore } from '../../../miniprogram/stores/member-store';
import { offersStore } from '../../../miniprogram/stores/offers-store';
import { referralStore } from '../../../miniprogram/stores/referral-store';
import { failure, fakeBackend, NO_ANSWER } from '../support/fake-backend';
import { memberCard } from '../support/fixtures';
import { exists, instance, load, settle, tap, text, type Rendered } from '../support/load';

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => {
  for (const store of [memberStore, couponStore, groupbuyStore, offersStore, referralStore]) store.reset();
});

interface PageCase {
  path: string;
  /** The routes the page loads from; every one answers the same way in a case. */
  routes: string[];
  open(page: Rendered): unknown;
}

const PAGES: Record<string, PageCase> = {
  card: { path: 'pages/card/index', routes: ['member.card'], open: (p) => instance(p).onShow() },
  coupons: { path: 'pages/coupons/index', routes: ['coupon.listTemplates', 'coupon.wallet'], open: (p) => instance(p).onShow() },
  groupbuy: { path: 'pages/groupbuy/index', routes: ['groupbuy.listDeals'], open: (p) => instance(p).onShow() },
  offers: { path: 'pages/offers/index', routes: ['campaign.offers'], open: (p) => instance(p).onShow() },
  referral: { path: 'pages/referral/index', routes: ['referral.myInvite', 'referral.summary'], open: (p) => instance(p).onLoad({}) },
};

const answering = (routes: string[], reply: unknown) => ({ 'member.card': memberCard(), 'member.code': NO_ANSWER, ...Object.fromEntries(routes.map((r) => [r, reply])) });

describe.each(Object.entries(PAGES))('%s page states', (_name, page) => {
  it('shows a skeleton while loading', async () => {
    fakeBackend(answering(page.routes, NO_ANSWER));
    const comp = load(page.path);
    void page.open(comp);
    await settle(20);
    expect(exists(comp, '.loading')).toBe(true);
    expect(exists(comp, '.retry')).toBe(false);
  });

  it('shows the table message and a retry button that loads again on failure', async () => {
    const backend = fakeBackend(answering(page.routes, failure('INTERNAL')));
    const comp = load(page.path);
    await page.open(comp);
    await settle(20);
    expect(comp.dom?.textContent).toContain(ERROR_MESSAGES.INTERNAL);
    const before = backend.calls.length;
    await tap(comp, '.retry');
    await settle(20);
    expect(backend.calls.length).toBeGreaterThan(before);
    expect(text(comp, '.retry')).toBe('重试');
  });
});
