/**
 * Issue 16's flows against the real functions (page → store → client → emulator transport →
 * function host → cloud function → node-sdk → emulator): a visitor browses the claim centre,
 * is asked to join at the claim, joins on the join page (phone through the emulator's
 * getPhoneNumber stand-in, welcome pack) and claims; the till identifies a member by card
 * number and confirmation code; the member files feedback, follows the brand's answer, and
 * answers the NPS question that appears on the card after a purchase.
 */
import { configure } from '../../../miniprogram/config';
import { couponStore } from '../../../miniprogram/stores/coupon-store';
import { feedbackStore } from '../../../miniprogram/stores/feedback-store';
import { memberStore } from '../../../miniprogram/stores/member-store';
import { staffStore } from '../../../miniprogram/stores/staff-store';
import { expectOk, openStore, registerShopper, useEmulatorBackend } from '../support/emulator-wx';
import { exists, input, instance, load, tap, text, waitFor } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

jest.setTimeout(30_000);
const backend = useEmulatorBackend();

const DAY = 86_400_000;

beforeEach(() => {
  memberStore.reset();
  couponStore.reset();
  feedbackStore.reset();
  staffStore.reset();
});

it('a visitor browses the claim centre, joins when claiming (phone, welcome pack) and comes back to claim', async () => {
  const emu = backend.emu;
  await expectOk(emu.asConsole('coupon', {
    action: 'upsertTemplate', templateId: 'flow-visitor', title: '新客满100减20', benefit: { kind: 'cash_off', thresholdFen: 10_000, amountOffFen: 2_000 },
    totalStock: 10, perMemberLimit: 1, claimWindow: { from: new Date(Date.now() - DAY).toISOString(), until: new Date(Date.now() + 30 * DAY).toISOString() },
    validity: { kind: 'relative', days: 7 }, tiers: [], stackable: false, pointsPrice: 0, visibility: 'public', active: true,
  }));
  await expectOk(emu.asConsole('member', { action: 'setWelcomePack', points: 20, couponTemplateIds: [] }));
  backend.signInAs('o_flow_visitor');
  configure({ devPhoneNumber: '13700001234' });

  const coupons = load('pages/coupons/index');
  instance(coupons).onShow();
  await waitFor(() => exists(coupons, '.visitor-hint') && exists(coupons, '.claim'));
  await tap(coupons, '.claim');
  expect(wxStubs().navigateTo).toHaveBeenLastCalledWith({ url: '/pages/join/index' });

  // The join page (the register form inside it) — loaded the way the card hosts it.
  const card = load('pages/card/index');
  instance(card).onShow();
  await waitFor(() => Boolean(card.querySelector('#register')));
  const form = card.querySelector('#register')!;
  await input(form, '.nickname', '新朋友');
  form.querySelector('.phone')?.dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'devtools-code' } });
  await waitFor(() => text(form, '.phone-state') !== '');
  await tap(form, '.register__consent');
  await tap(form, '.register__submit');
  await waitFor(() => memberStore.status === 'ready' && memberStore.profile?.phoneMasked === '137****1234');
  expect(memberStore.welcome).toEqual({ points: 20, coupons: [] });
  expect(memberStore.card?.points.available).toBe(20);
  instance(card).onHide();

  // Back on the claim centre as a member.
  instance(coupons).onShow();
  await waitFor(() => !couponStore.visitor && !exists(coupons, '.visitor-hint'));
  await tap(coupons, '.claim');
  await waitFor(() => couponStore.wallet.usable.length === 1);
  expect(couponStore.wallet.usable[0]).toMatchObject({ title: '新客满100减20' });
});

it('the till identifies a member by card number and the confirmation code read from their card', async () => {
  const emu = backend.emu;
  await openStore(emu, 'o_flow_manual_cashier');
  await registerShopper(emu, 'o_flow_manual_member', '张三');
  backend.signInAs('o_flow_manual_member');
  const card = load('pages/card/index');
  instance(card).onShow();
  await waitFor(() => text(card, '.confirm-code__digits').length === 6);
  const cardNo = memberStore.card!.cardNo;
  const confirmCode = text(card, '.confirm-code__digits');
  expect(wxStubs().setScreenBrightness).toHaveBeenLastCalledWith({ value: 1 });
  instance(card).onHide();
  expect(wxStubs().setScreenBrightness).toHaveBeenLastCalledWith({ value: 0.4 });

  backend.signInAs('o_flow_manual_cashier');
  const till = load('staff/till/index');
  instance(till).onLoad();
  await waitFor(() => exists(till, '.manual-toggle'));
  await tap(till, '.manual-toggle');
  await input(till, '.manual-card', cardNo);
  await input(till, '.manual-code', confirmCode);
  await tap(till, '.manual-submit');
  await waitFor(() => text(till, '.member__name') === '张*');
  // The same code a second time is refused: it was the member's consent for one visit.
  await tap(till, '.manual-toggle');
  await input(till, '.manual-card', cardNo);
  await input(till, '.manual-code', confirmCode);
  await tap(till, '.manual-submit');
  await waitFor(() => staffStore.error !== '');
  expect(staffStore.session).toBeNull();
});

it('a member files feedback, sees the brand\'s answer, and answers NPS on the card after a purchase', async () => {
  const emu = backend.emu;
  await openStore(emu, 'o_flow_fb_cashier');
  await registerShopper(emu, 'o_flow_fb_member', '李四');
  backend.signInAs('o_flow_fb_member');

  const page = load('pages/feedback/index');
  instance(page).onShow();
  await input(page, '.text', '周末排队太久了');
  await input(page, '.order-no', 'FLOW-FB-1');
  await tap(page, '.submit');
  await waitFor(() => text(page, '.item__status') === '已提交');
  const { items } = (await expectOk(emu.asConsole('feedback', { action: 'list', status: 'open' }))) as { items: Array<{ feedbackId: string; text: string }> };
  const mine = items.find((i) => i.text === '周末排队太久了')!;
  await expectOk(emu.asConsole('feedback', { action: 'setStatus', feedbackId: mine.feedbackId, status: 'resolved', reply: '周末已增开收银台' }));
  instance(page).onShow();
  await waitFor(() => text(page, '.item__status') === '已解决');
  expect(text(page, '.item__reply')).toBe('回复：周末已增开收银台');

  // A purchase at the till, then the card asks once.
  const { code } = (await expectOk(emu.asShopper('o_flow_fb_member')('member', { action: 'code' }))) as { code: string };
  const { sessionId } = (await expectOk(emu.asShopper('o_flow_fb_cashier')('staff', { action: 'scan', code }))) as { sessionId: string };
  await expectOk(emu.asShopper('o_flow_fb_cashier')('staff', { action: 'recordPurchase', sessionId, orderNo: 'FLOW-NPS-1', amountFen: 8_800 }));
  const card = load('pages/card/index');
  instance(card).onShow();
  await waitFor(() => exists(card, '.nps'));
  await tap(card, '.nps-score-10');
  await waitFor(() => !exists(card, '.nps'));
  instance(card).onHide();
  await feedbackStore.checkNps();
  expect(feedbackStore.npsDue).toBe(false);
  const report = (await expectOk(emu.asConsole('campaign', { action: 'report', from: new Date(Date.now() - DAY).toISOString(), to: new Date(Date.now() + DAY).toISOString() }))) as { satisfaction: { nps: number; responses: number; complaintsByCategory: Record<string, number> } };
  expect(report.satisfaction).toMatchObject({ nps: 100, responses: 1, complaintsByCategory: { product: 1 } });
});
