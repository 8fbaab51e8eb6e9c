/**
 * Renders each page in every state a user meets (loading, empty, error, normal, each tier) through
 * the real pages, stores and client, answering wx.request from fixtures (test/miniprogram/support),
 * and writes each as a standalone HTML page with the compiled WXSS: rpx → px at a 375 px wide screen
 * (WeChat's rule: the screen is 750rpx wide), the app's page style, and tdesign's component styles.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configure } from '../../miniprogram/config';
import { couponStore } from '../../miniprogram/stores/coupon-store';
import { groupbuyStore } from '../../miniprogram/stores/groupbuy-store';
import { memberStore } from '../../miniprogram/stores/member-store';
import { offersStore } from '../../miniprogram/stores/offers-store';
import { pointsStore } from '../../miniprogram/stores/points-store';
import { referralStore } from '../../miniprogram/stores/referral-store';
import { staffStore } from '../../miniprogram/stores/staff-store';
import { DEFAULT_TIERS } from '../../cloudfunctions/shared/domain/tiers/defaults';
import { textColorFor } from '../../cloudfunctions/shared/domain/tiers/contrast';
import { failure, fakeBackend, NO_ANSWER } from '../../test/miniprogram/support/fake-backend';
import { coupon, couponTemplate, group, groupDeal, ledgerEntries, memberCard, memberSummary, offer, referralSummary } from '../../test/miniprogram/support/fixtures';
import { instance, load, MINIPROGRAM_ROOT, settle, tapTab, type Rendered } from '../../test/miniprogram/support/load';
import { wxStubs } from '../../test/miniprogram/support/wx-stubs';

const OUT = resolve(__dirname, '..', '..', '.screens');
const SCREEN_WIDTH = 375;

// miniprogram-simulate turns N rpx into N px; WeChat makes the screen 750rpx wide.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulateUtils = require('miniprogram-simulate/src/utils') as { transformRpx(style: string): string };
simulateUtils.transformRpx = (style) => style.replace(/(-?\d*\.?\d+)rpx/gi, (_all, n: string) => `${+((Number(n) * SCREEN_WIDTH) / 750).toFixed(3)}px`);

function pageStyle(): string {
  const app = readFileSync(join(MINIPROGRAM_ROOT, 'app.wxss'), 'utf8').replace(/\bpage\b/g, 'body');
  return simulateUtils.transformRpx(app);
}

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string): string => escapeText(text).replace(/"/g, '&quot;');

/** exparser's node (miniprogram-simulate's tree): native elements carry their DOM element in `$$`. */
interface XNode {
  is?: string;
  $$?: Element;
  __domElement?: Node;
  __virtual?: boolean;
  childNodes?: XNode[];
  shadowRoot?: XNode;
  textContent?: string;
}
interface Slotted {
  nodes: XNode[];
  outer: Slotted | null;
}

/**
 * HTML of the composed tree, as WeChat paints it. exparser keeps each component's shadow tree
 * (tdesign's virtual hosts, and every native element's own shadow) out of the DOM it renders, so
 * the tree is walked here: a component shows its shadow tree, each <slot> the host's children.
 */
function composedHtml(node: XNode, slotted: Slotted | null): string {
  if (node.__domElement?.nodeType === Node.TEXT_NODE) return escapeText(node.textContent ?? '');
  const children = (nodes: XNode[] | undefined, context: Slotted | null): string => (nodes ?? []).map((child) => composedHtml(child, context)).join('');
  if (node.is === 'slot') return slotted ? children(slotted.nodes, slotted.outer) : '';
  const inner = node.shadowRoot ? composedHtml(node.shadowRoot, { nodes: node.childNodes ?? [], outer: slotted }) : children(node.childNodes, slotted);
  const element = node.$$;
  if (!element) return inner;
  const attrs = Array.from(element.attributes).map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('');
  const tag = element.tagName.toLowerCase();
  return `<${tag}${attrs}>${inner}</${tag}>`;
}

function save(name: string, title: string, comp: Rendered): void {
  const styles = Array.from(document.querySelectorAll('style')).map((s) => s.innerHTML).join('\n');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>html, body { margin: 0; width: ${SCREEN_WIDTH}px; font-family: "WenQuanYi Micro Hei", sans-serif; }
/* WeChat's built-in components as the browser should lay them out (unknown tags are inline by default). */
wx-view, wx-scroll-view, wx-swiper, wx-form, wx-canvas, wx-picker, wx-progress { display: block; }
wx-text, wx-label, wx-icon { display: inline; }
wx-button { display: block; position: relative; box-sizing: border-box; text-align: center; }
wx-input { display: block; min-height: 1.4em; }
wx-image { display: inline-block; width: 320px; height: 240px; }
.nav { height: 44px; line-height: 44px; text-align: center; font-size: 17px; font-weight: 600; background: #fff; border-bottom: 1px solid #eee; }
${pageStyle()}
${styles}</style></head><body><div class="nav">${title}</div>${composedHtml((comp as unknown as { _exparserNode: XNode })._exparserNode, null)}</body></html>`;
  writeFileSync(join(OUT, `${name}.html`), html);
}

type Routes = Record<string, unknown>;

async function shot(name: string, title: string, path: string, routes: Routes, open: (page: Rendered) => unknown): Promise<void> {
  fakeBackend(routes);
  const page = load(path);
  await open(page);
  await settle(30);
  save(name, title, page);
  const inst = instance(page) as unknown as { onHide?: () => void; onUnload?: () => void };
  inst.onHide?.();
  inst.onUnload?.();
}

const CODE = { code: 'mc1.demo.code', expiresAt: new Date(Date.now() + 600_000).toISOString(), ttlSeconds: 600 };
const ME = { staffId: 's1', name: '李收银', role: 'cashier', storeId: 'store_1', storeName: '南京西路店' };
const INVITE = { inviteCode: 'ABC123', inviteePoints: 100, inviterPoints: 200, qualifyingMinFen: 5000 };
const now = Date.now();
const pendingLedger = [{ ...ledgerEntries(1)[0], id: 'p1', delta: 128, pendingUntil: new Date(now + 6 * 86_400_000).toISOString() }, ...ledgerEntries(6, 1)];

beforeAll(() => {
  configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' });
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
});
beforeEach(() => {
  for (const store of [memberStore, pointsStore, couponStore, groupbuyStore, offersStore, referralStore, staffStore]) store.reset();
});

const show = (page: Rendered) => instance(page).onShow();
const loadAndShow = async (page: Rendered) => {
  await instance(page).onLoad({});
  instance(page).onShow();
};

describe('screens', () => {
  it('card', async () => {
    await shot('card-loading', '会员卡', 'pages/card/index', { 'member.card': NO_ANSWER }, show);
    memberStore.reset();
    await shot('card-register', '会员卡', 'pages/card/index', { 'member.card': failure('NOT_REGISTERED') }, show);
    memberStore.reset();
    await shot('card-error', '会员卡', 'pages/card/index', { 'member.card': failure('INTERNAL') }, show);
    for (const tier of DEFAULT_TIERS) {
      memberStore.reset();
      const next = DEFAULT_TIERS[DEFAULT_TIERS.indexOf(tier) + 1];
      const card = memberCard({
        tier: { code: tier.code, name: tier.name, color: tier.color, textColor: textColorFor(tier.color), benefits: tier.benefits },
        growth: tier.threshold + 380,
        nextTier: next ? { code: next.code, name: next.name, threshold: next.threshold, missing: next.threshold - tier.threshold - 380 } : null,
        points: { available: 1234, pending: 128, debt: 0, expiringSoon: { points: 78, withinDays: 30, earliestAt: null } },
      });
      await shot(`card-${tier.code}`, '会员卡', 'pages/card/index', { 'member.card': card, 'member.code': CODE }, show);
    }
  });

  it('points', async () => {
    await shot('points-loading', '我的积分', 'pages/points/index', { 'member.card': NO_ANSWER, 'points.history': NO_ANSWER }, loadAndShow);
    pointsStore.reset();
    memberStore.reset();
    await shot('points-empty', '我的积分', 'pages/points/index', { 'member.card': memberCard({ points: { available: 0, pending: 0, debt: 0, expiringSoon: { points: 0, withinDays: 30, earliestAt: null } } }), 'points.history': { items: [], nextCursor: null } }, loadAndShow);
    pointsStore.reset();
    memberStore.reset();
    await shot('points-error', '我的积分', 'pages/points/index', { 'member.card': failure('INTERNAL'), 'points.history': failure('INTERNAL') }, loadAndShow);
    pointsStore.reset();
    memberStore.reset();
    await shot('points', '我的积分', 'pages/points/index', { 'member.card': memberCard({ points: { available: 1106, pending: 128, debt: 0, expiringSoon: { points: 0, withinDays: 30, earliestAt: null } } }), 'points.history': { items: pendingLedger, nextCursor: null } }, loadAndShow);
  });

  it('coupons', async () => {
    const base = { 'member.card': memberCard() };
    await shot('coupons-loading', '优惠券', 'pages/coupons/index', { ...base, 'coupon.listTemplates': NO_ANSWER, 'coupon.wallet': NO_ANSWER }, loadAndShow);
    couponStore.reset();
    await shot('coupons-empty', '优惠券', 'pages/coupons/index', { ...base, 'coupon.listTemplates': { templates: [] }, 'coupon.wallet': { coupons: [] } }, loadAndShow);
    couponStore.reset();
    await shot('coupons-error', '优惠券', 'pages/coupons/index', { ...base, 'coupon.listTemplates': failure('INTERNAL'), 'coupon.wallet': failure('INTERNAL') }, loadAndShow);
    couponStore.reset();
    const templates = { templates: [couponTemplate(), couponTemplate({ templateId: 'tpl_pts', title: '积分兑换 10 元券', pointsPrice: 500 }), couponTemplate({ templateId: 'tpl_gone', title: '新人礼券', claimable: false, reason: 'OUT_OF_STOCK' })] };
    const wallet = { coupons: [coupon(), coupon({ couponId: 'c2', title: '赠饮券' })] };
    await shot('coupons-claim', '优惠券', 'pages/coupons/index', { ...base, 'coupon.listTemplates': templates, 'coupon.wallet': wallet }, loadAndShow);
    couponStore.reset();
    await shot('coupons-wallet', '优惠券', 'pages/coupons/index', { ...base, 'coupon.listTemplates': templates, 'coupon.wallet': wallet }, async (page) => {
      await loadAndShow(page);
      await settle(20);
      await tapTab(page, '.tabs', 1);
    });
  });

  it('group-buy, offers, referral, profile', async () => {
    await shot('groupbuy-loading', '拼团', 'pages/groupbuy/index', { 'groupbuy.listDeals': NO_ANSWER }, loadAndShow);
    groupbuyStore.reset();
    await shot('groupbuy-empty', '拼团', 'pages/groupbuy/index', { 'groupbuy.listDeals': { deals: [] } }, loadAndShow);
    groupbuyStore.reset();
    await shot('groupbuy-error', '拼团', 'pages/groupbuy/index', { 'groupbuy.listDeals': failure('INTERNAL') }, loadAndShow);
    groupbuyStore.reset();
    await shot('groupbuy-deals', '拼团', 'pages/groupbuy/index', { 'groupbuy.listDeals': { deals: [groupDeal(), groupDeal({ dealId: 'd2', productLabel: '双人下午茶' })] } }, loadAndShow);
    groupbuyStore.reset();
    await shot('groupbuy-group', '拼团', 'pages/groupbuy/index', { 'groupbuy.group': group() }, async (page) => {
      await instance(page).onLoad({ groupId: group().groupId });
      instance(page).onShow();
    });
    await shot('offers-loading', '专属活动', 'pages/offers/index', { 'campaign.offers': NO_ANSWER }, show);
    offersStore.reset();
    await shot('offers-empty', '专属活动', 'pages/offers/index', { 'campaign.offers': { offers: [] } }, show);
    offersStore.reset();
    await shot('offers-error', '专属活动', 'pages/offers/index', { 'campaign.offers': failure('INTERNAL') }, show);
    offersStore.reset();
    await shot('offers', '专属活动', 'pages/offers/index', { 'campaign.offers': { offers: [offer(), offer({ campaignId: 'c2', name: '双倍积分周', granted: true })] } }, show);
    await shot('referral-loading', '邀请有礼', 'pages/referral/index', { 'member.card': memberCard(), 'referral.myInvite': NO_ANSWER, 'referral.summary': NO_ANSWER }, (page) => void instance(page).onLoad({}));
    referralStore.reset();
    await shot('referral', '邀请有礼', 'pages/referral/index', { 'member.card': memberCard(), 'referral.myInvite': INVITE, 'referral.summary': referralSummary() }, (page) => instance(page).onLoad({}) as Promise<void>);
    referralStore.reset();
    memberStore.reset();
    await shot('referral-error', '邀请有礼', 'pages/referral/index', { 'member.card': memberCard(), 'referral.myInvite': failure('INTERNAL'), 'referral.summary': failure('INTERNAL') }, (page) => instance(page).onLoad({}) as Promise<void>);
    memberStore.reset();
    await shot('profile-loading', '我的', 'pages/profile/index', { 'member.card': NO_ANSWER, 'staff.me': failure('NOT_STAFF') }, (page) => void instance(page).onShow());
    memberStore.reset();
    await shot('profile', '我的', 'pages/profile/index', { 'member.card': memberCard(), 'staff.me': ME }, show);
  });

  it('staff till', async () => {
    await shot('till-checking', '门店收银', 'staff/till/index', { 'staff.me': NO_ANSWER }, (page) => void instance(page).onLoad());
    staffStore.reset();
    await shot('till-denied', '门店收银', 'staff/till/index', { 'staff.me': failure('NOT_STAFF') }, (page) => instance(page).onLoad() as Promise<void>);
    staffStore.reset();
    wxStubs().scanCode.mockImplementation((o: { success?: (r: { result: string }) => void }) => o.success?.({ result: 'mc1.code' }));
    await shot('till-member', '门店收银', 'staff/till/index', { 'staff.me': ME, 'staff.scan': { sessionId: 'sess_1', sessionExpiresAt: new Date(now + 600_000).toISOString(), member: memberSummary() } }, async (page) => {
      await instance(page).onLoad();
      await settle(20);
      await instance(page).onScan();
    });
  });
});
