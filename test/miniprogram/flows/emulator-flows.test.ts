/**
 * Main flows against the real backend: page → store → client → emulator transport → wx.request
 * (node http shim) → function host → cloud function → node-sdk → in-memory emulator database.
 */
import { memberStore } from '../../../miniprogram/stores/member-store';
import { pointsStore } from '../../../miniprogram/stores/points-store';
import { staffStore } from '../../../miniprogram/stores/staff-store';
import { expectOk, openStore, registerShopper, useEmulatorBackend } from '../support/emulator-wx';
import { input, instance, load, tap, text, waitFor } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

jest.setTimeout(30_000);
const backend = useEmulatorBackend();

beforeEach(() => {
  memberStore.reset();
  pointsStore.reset();
  staffStore.reset();
});

it('card: a first visit registers with consent, then shows the card and draws a live member code', async () => {
  backend.signInAs('o_flow_card');
  const page = load('pages/card/index');
  instance(page).onShow();
  // The store changes first; the bindings render the form on a later tick (slower under load).
  await waitFor(() => memberStore.status === 'unregistered' && Boolean(page.querySelector('#register')));
  const form = page.querySelector('#register')!;
  await input(form, '.register__input', '小卡');
  await tap(form, '.register__consent');
  await tap(form, '.register__submit');
  await waitFor(() => text(page, '.card__tier') !== '' && wxStubs().canvas.painted.length > 0);
  expect(text(page, '.card__tier')).toBe('青铜');
  expect(text(page, '.card__name')).toBe('小卡');
  expect(text(page, '.points__value.available')).toBe('0');
  expect(text(page.querySelector('#progress')!, '.progress__text')).toMatch(/^还差 \d+ 成长值升级为 .+$/);
  // The code on screen is one the till accepts.
  await openStore(backend.emu, 'o_flow_card_cashier');
  const scanned = (await expectOk(backend.emu.asShopper('o_flow_card_cashier')('staff', { action: 'scan', code: memberStore.memberCode!.code }))) as { member: { maskedName: string } };
  expect(scanned.member.maskedName).toBe('小*');
});

it('points: history pages through the real cursor', async () => {
  const member = (await expectOk(backend.emu.asShopper('o_flow_points')('member', { action: 'register', consentVersion: '2026-11' }))) as { card: { memberId: string } };
  for (let i = 1; i <= 23; i += 1) {
    await expectOk(backend.emu.asConsole('admin', { action: 'adjustPoints', memberId: member.card.memberId, delta: i, reason: `补偿${i}`, key: `adj_${i}` }));
  }
  backend.signInAs('o_flow_points');
  const page = load('pages/points/index');
  instance(page).onLoad();
  instance(page).onShow();
  await waitFor(() => page.querySelectorAll('.row').length === 20 && text(page, '.balance__value') === '276');
  expect(text(page, '.row__label')).toBe('调整');
  expect(text(page, '.row__delta')).toBe('+23');
  await instance(page).onReachBottom();
  await waitFor(() => page.querySelectorAll('.row').length === 23);
  expect(page.querySelectorAll('.row__delta').map((n) => n.dom?.textContent)).toEqual(Array.from({ length: 23 }, (_, i) => `+${23 - i}`));
  await waitFor(() => text(page, '.footer') === '没有更多了');
});

it('staff: scan a member code, record a purchase, refuse the replay and a conflicting order', async () => {
  await openStore(backend.emu, 'o_flow_cashier');
  await registerShopper(backend.emu, 'o_flow_buyer', '王小二');
  const { code } = (await expectOk(backend.emu.asShopper('o_flow_buyer')('member', { action: 'code' }))) as { code: string };
  wxStubs().scanCode.mockImplementation((o: { success?: (r: { result: string }) => void }) => o.success?.({ result: code }));

  backend.signInAs('o_flow_buyer');
  const denied = load('staff/till/index');
  instance(denied).onLoad();
  await waitFor(() => text(denied, '.denied') !== '');
  expect(text(denied, '.denied')).toBe('仅限门店员工使用');

  staffStore.reset();
  backend.signInAs('o_flow_cashier');
  const page = load('staff/till/index');
  instance(page).onLoad();
  await waitFor(() => text(page, '.header') === '李收银 · 测试门店');
  await tap(page, '.scan');
  await waitFor(() => text(page, '.member__name') !== '');
  expect(text(page, '.member__name')).toBe('王**');
  await input(page, '.order-no', 'SO_FLOW_1');
  await input(page, '.amount', '128.80');
  await tap(page, '.submit-purchase');
  await waitFor(() => text(page, '.purchase-receipt') !== '');
  expect(text(page, '.purchase-receipt')).toContain('订单 SO_FLOW_1 已记录：获得 128 积分，成长值 +128');
  const card = (await expectOk(backend.emu.asShopper('o_flow_buyer')('member', { action: 'card' }))) as { points: { pending: number; available: number } };
  expect(card.points.pending + card.points.available).toBe(128);

  // Same order number, different amount: refused, nothing changes.
  await input(page, '.order-no', 'SO_FLOW_1');
  await input(page, '.amount', '10');
  await tap(page, '.submit-purchase');
  await waitFor(() => text(page, '.store-error') !== '');
  expect(['该订单号已记录过且金额不同，请核对订单号', '收银会话已失效，请重新扫码']).toContain(text(page, '.store-error'));

  // The same code scanned again is a replay.
  await tap(page, '.scan');
  await waitFor(() => text(page, '.store-error') === '该会员码已使用过，请让顾客刷新后重新扫码');
});
