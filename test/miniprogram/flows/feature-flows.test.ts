/**
 * Coupons, group-buy, referral and offers against the real functions, as emulator-flows.test.ts:
 * page → store → client → emulator transport → wx.request (node http shim) → function host →
 * cloud function → node-sdk → in-memory emulator database. Admin set-up goes through the
 * functions' admin actions (`asConsole`), as the console would.
 */
import { couponStore } from '../../../miniprogram/stores/coupon-store';
import { groupbuyStore } from '../../../miniprogram/stores/groupbuy-store';
import { memberStore } from '../../../miniprogram/stores/member-store';
import { offersStore } from '../../../miniprogram/stores/offers-store';
import { referralStore } from '../../../miniprogram/stores/referral-store';
import { staffStore } from '../../../miniprogram/stores/staff-store';
import { expectOk, openStore, registerShopper, useEmulatorBackend } from '../support/emulator-wx';
import { input, instance, load, tap, tapTab, text, waitFor, texts } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

jest.setTimeout(30_000);
const backend = useEmulatorBackend();

const DAY = 86_400_000;
const window = () => ({ from: new Date(Date.now() - DAY).toISOString(), until: new Date(Date.now() + 30 * DAY).toISOString() });

function template(templateId: string, title: string, visibility: 'public' | 'hidden' = 'public') {
  return {
    action: 'upsertTemplate',
    templateId,
    title,
    benefit: { kind: 'cash_off', thresholdFen: 10_000, amountOffFen: 2_000 },
    totalStock: 50,
    perMemberLimit: 1,
    claimWindow: window(),
    validity: { kind: 'relative', days: 7 },
    tiers: [],
    stackable: false,
    pointsPrice: 0,
    visibility,
    active: true,
  };
}

beforeEach(() => {
  for (const store of [memberStore, couponStore, groupbuyStore, referralStore, offersStore, staffStore]) store.reset();
});

it('coupons: an admin defines a template, the shopper claims it, sees it in the wallet and the till redeems it', async () => {
  await expectOk(backend.emu.asConsole('coupon', template('flow-cash20', '满100减20')));
  await registerShopper(backend.emu, 'o_flow_coupons', '领券人');
  backend.signInAs('o_flow_coupons');
  const page = load('pages/coupons/index');
  instance(page).onLoad({});
  instance(page).onShow();
  await waitFor(() => texts(page, '.template .coupon__title').includes('满100减20'));
  expect(text(page, '.claim')).toBe('领取');
  await tap(page, '.claim');
  await waitFor(() => text(page, '.claim') === '已达领取上限');
  expect(wxStubs().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '领取成功' }));
  await tapTab(page, '.tabs', 1);
  expect(texts(page, '.owned .coupon__title')).toEqual(['满100减20']);
  expect(texts(page, '.subtab')).toEqual(['可用（1）', '已使用（0）', '已过期（0）']);
  await tap(page, '.owned');
  expect(text(page, '.detail__source')).toContain('来源：领券中心');

  // At the till: the scanned member's coupon takes 20 yuan off 128, the purchase is recorded for 108.
  await openStore(backend.emu, 'o_flow_coupons_cashier');
  const { code } = (await expectOk(backend.emu.asShopper('o_flow_coupons')('member', { action: 'code' }))) as { code: string };
  wxStubs().scanCode.mockImplementation((o: { success?: (r: { result: string }) => void }) => o.success?.({ result: code }));
  backend.signInAs('o_flow_coupons_cashier');
  const till = load('staff/till/index');
  instance(till).onLoad();
  await waitFor(() => text(till, '.header') !== '');
  await tap(till, '.scan');
  await waitFor(() => text(till, '.member__name') !== '');
  await input(till, '.order-no', 'SO_FLOW_CPN');
  await input(till, '.amount', '128');
  await tap(till, '.load-coupons');
  await waitFor(() => text(till, '.till-coupon__note') !== '');
  expect(text(till, '.till-coupon__note')).toBe('可减 20.00 元');
  await tap(till, '.redeem');
  await waitFor(() => text(till, '.redemption-receipt') !== '');
  expect(text(till, '.redemption-receipt')).toBe('已核销「满100减20」：优惠 20.00 元，应收 108.00 元');
  await tap(till, '.submit-purchase');
  await waitFor(() => text(till, '.purchase-receipt') !== '');
  expect(text(till, '.purchase-receipt')).toContain('订单 SO_FLOW_CPN 已记录：获得 108 积分');

  backend.signInAs('o_flow_coupons');
  await couponStore.load();
  expect(couponStore.wallet.used.map((c) => c.title)).toEqual(['满100减20']);
});

it('groupbuy: one shopper starts a group, a friend opens the share path and joins, the group succeeds', async () => {
  await expectOk(backend.emu.asConsole('coupon', template('flow-gb-tea', '奶茶拼团券', 'hidden')));
  await expectOk(
    backend.emu.asConsole('groupbuy', {
      action: 'upsertDeal',
      dealId: 'flow-tea',
      productLabel: '招牌奶茶双杯',
      groupPriceFen: 1990,
      originalPriceFen: 3600,
      groupSize: 2,
      fillHours: 24,
      window: window(),
      groupStock: 5,
      entitlementTemplateId: 'flow-gb-tea',
      active: true,
    }),
  );
  await registerShopper(backend.emu, 'o_flow_leader', '张大团');
  await registerShopper(backend.emu, 'o_flow_friend', '李小二');

  // The payer completes WeChat's payment sheet: the emulator's 云支付 pays the order behind the
  // prepay id and sends the payment notification, as the platform would.
  wxStubs().requestPayment.mockImplementation((options) => {
    const sheet = options as WechatMiniprogram.RequestPaymentOption;
    void backend.emu.emulator.cloudPay.settle(sheet.package.replace('prepay_id=wx_emu_prepay_', ''), 'succeed').then(() => sheet.success?.({ errMsg: 'requestPayment:ok' }));
  });
  backend.signInAs('o_flow_leader');
  const list = load('pages/groupbuy/index');
  instance(list).onLoad({});
  instance(list).onShow();
  await waitFor(() => texts(list, '.deal__title').includes('招牌奶茶双杯'));
  const deal = load('pages/groupbuy/index');
  instance(deal).onLoad({ dealId: 'flow-tea' });
  await waitFor(() => text(deal, '.start') === '发起拼团');
  await tap(deal, '.start');
  await waitFor(() => text(deal, '.group__status') === '还差 1 人成团');
  expect(texts(deal, '.member__name')).toEqual(['张**', '待加入']);
  expect(text(deal, '.payment')).toBe('已支付，待成团');
  expect(text(deal, '.countdown')).toMatch(/^剩余 2[34]:\d\d:\d\d$/);
  const share = instance(deal).onShareAppMessage() as { path: string };
  expect(share.path).toMatch(/^\/pages\/groupbuy\/index\?groupId=.+$/);
  instance(deal).onUnload();

  // The friend opens the shared path: onLoad receives its query.
  backend.signInAs('o_flow_friend');
  groupbuyStore.reset();
  const query = Object.fromEntries(new URLSearchParams(share.path.split('?')[1]));
  const shared = load('pages/groupbuy/index');
  instance(shared).onLoad(query);
  await waitFor(() => text(shared, '.join') === '参与拼团');
  await tap(shared, '.join');
  await waitFor(() => text(shared, '.group__status') === '拼团成功');
  expect(texts(shared, '.member__name')).toEqual(['张**', '李**']);
  await waitFor(() => text(shared, '.wallet') === '查看我的券');
  instance(shared).onUnload();
  const wallet = (await expectOk(backend.emu.asShopper('o_flow_leader')('coupon', { action: 'wallet' }))) as { usable: Array<{ title: string; source: string }> };
  expect(wallet.usable).toEqual([expect.objectContaining({ title: '奶茶拼团券', source: 'groupbuy' })]);
});

it('referral: the invite card shows the code; a friend opening the share path registers through it', async () => {
  await registerShopper(backend.emu, 'o_flow_inviter', '王邀请');
  backend.signInAs('o_flow_inviter');
  const page = load('pages/referral/index');
  await instance(page).onLoad({});
  await waitFor(() => text(page, '.invite__code') !== '');
  const inviteCode = text(page, '.invite__code');
  expect(text(page, '.invited')).toBe('0');
  const share = instance(page).onShareAppMessage() as { path: string };
  expect(share.path).toBe(`/pages/referral/index?inviteCode=${encodeURIComponent(inviteCode)}`);

  backend.signInAs('o_flow_invitee');
  memberStore.reset();
  referralStore.reset();
  const visitor = load('pages/referral/index');
  await instance(visitor).onLoad(Object.fromEntries(new URLSearchParams(share.path.split('?')[1])));
  await waitFor(() => text(visitor, '.welcome__from') !== '');
  expect(text(visitor, '.welcome__from')).toBe('王** 邀请你成为会员');
  const form = visitor.querySelector('#register')!;
  await tap(form, '.register__consent');
  await tap(form, '.register__submit');
  await waitFor(() => text(visitor, '.invite__code') !== '' && text(visitor, '.invite__code') !== inviteCode);

  backend.signInAs('o_flow_inviter');
  await referralStore.load();
  expect(referralStore.summary).toMatchObject({ inviteCode, invited: 1, converted: 0 });
});

it('offers: a running campaign the member matches is listed with its reason', async () => {
  await expectOk(
    backend.emu.asConsole('campaign', {
      action: 'create',
      campaignId: 'flow-welcome',
      name: '新会员礼',
      description: '注册 30 天内专享',
      audience: { joinedWithinDays: 30 },
      reward: { kind: 'points', points: 50 },
      budget: {},
      frequency: { kind: 'oncePerCampaign' },
      schedule: { startAt: new Date(Date.now() - DAY).toISOString(), endAt: new Date(Date.now() + 30 * DAY).toISOString() },
      holdoutPercent: 0,
    }),
  );
  // Four-eyes: only an approved campaign is offered. The console submits, a listed admin openid approves.
  await expectOk(backend.emu.asConsole('admin', { action: 'setAdmins', openids: ['o_flow_reviewer'] }));
  await expectOk(backend.emu.asConsole('campaign', { action: 'submit', campaignId: 'flow-welcome' }));
  await expectOk(backend.emu.asShopper('o_flow_reviewer')('campaign', { action: 'approve', campaignId: 'flow-welcome' }));
  await registerShopper(backend.emu, 'o_flow_offers', '新人');
  backend.signInAs('o_flow_offers');
  const page = load('pages/offers/index');
  instance(page).onShow();
  await waitFor(() => texts(page, '.offer__name').includes('新会员礼'));
  expect(text(page, '.offer__reward')).toBe('赠送 50 积分');
  expect(text(page, '.offer__reason')).not.toBe('');
});
