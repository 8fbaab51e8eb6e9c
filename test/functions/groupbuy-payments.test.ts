import { GROUPBUY_CHANNEL } from '../../cloudfunctions/shared/domain/groupbuy/order-credit';
import { saleKeys } from '../../cloudfunctions/shared/domain/orders/keys';
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { GroupDoc, GroupPaymentDoc, MemberDoc } from '../../cloudfunctions/shared/data/documents';
import type { GroupDealInput, JoinReceipt } from '../../typings/api/groupbuy';
import { count, find, getById } from '../support/inspect';
import { expectCode, joinMember, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

/*
 * Group-buy as a purchase, through the real groupbuy function, node-sdk's callWxPayApi and the
 * emulator's 云支付 stand-in. WeChat's contracts followed (cited in docs/payments.md):
 * - 支付结果回调云函数协议 (developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/open/pay/paymentCallback):
 *   "支付结果回调的云函数必须返回如下一个对象，否则会视为回调不成功 … errcode 0 表示正常，其他表示异常，
 *   异常时支付回调会持续重试最多两天" — so a notification may arrive more than once;
 * - "只有用户支付成功时才会有结果回调" — an unpaid seat is released by time, not by a callback;
 * - CloudPay.refund: "一笔退款失败后重新提交，请不要更换退款单号" — one refund number per payment.
 */

let world: LoyaltyWorld;
beforeAll(async () => {
  world = await startWorld('2026-03-10T10:00:00+08:00');
  await world.console.call('coupon', 'upsertTemplate', {
    templateId: 'gbp-voucher', title: '拼团兑换券', benefit: { kind: 'gift', thresholdFen: 0, giftLabel: '拼团商品' },
    totalStock: 0, perMemberLimit: 1, claimWindow: { from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' },
    validity: { kind: 'relative', days: 14 }, tiers: [], stackable: false, pointsPrice: 0, visibility: 'hidden', active: true,
  });
});
afterAll(() => world.close());

const cloudPay = () => world.emu.emulator.cloudPay;

function deal(dealId: string, overrides: Partial<GroupDealInput> = {}): GroupDealInput {
  return {
    dealId, productLabel: '招牌奶茶双杯', groupPriceFen: 1_990, originalPriceFen: 3_600, groupSize: 2, fillHours: 24,
    window: { from: '2026-03-01T00:00:00+08:00', until: '2026-04-01T00:00:00+08:00' }, groupStock: 10, entitlementTemplateId: 'gbp-voucher', active: true, ...overrides,
  };
}

async function members(prefix: string, n: number): Promise<Actor[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => joinMember(world, `${prefix}_${i}`)));
}

function tradeNo(receipt: JoinReceipt): string {
  if (!receipt.myPayment) throw new Error('no payment in the receipt');
  return receipt.myPayment.outTradeNo;
}

const payment = (no: string) => getById<GroupPaymentDoc>(COLLECTIONS.groupPayments, no);
const memberOf = async (no: string) => getById<MemberDoc>(COLLECTIONS.members, (await payment(no))!.memberId);

/** The payment notification as WeChat sends it, for calls made by hand. */
function notice(outTradeNo: string, totalFee: number): Record<string, unknown> {
  return {
    returnCode: 'SUCCESS', appid: 'touristappid', mchId: '1800000001', subMchId: '1900000109', nonceStr: 'f6444fd22de27b16', resultCode: 'SUCCESS', openid: '',
    isSubscribe: 'N', subOpenid: '', subIsSubscribe: 'N', tradeType: 'JSAPI', bankType: 'OTHERS', totalFee, feeType: 'CNY', cashFee: totalFee,
    transactionId: '4200004561202203217657282768', outTradeNo, timeEnd: '20260310100000',
  };
}

describe('group-buy payments', () => {
  it('start and join are purchases: a held seat and wx.requestPayment parameters at the deal price', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gbp-params'));
    const [leader] = await members('o_gbp_params', 1);
    const started = await leader.call('groupbuy', 'start', { dealId: 'gbp-params' });
    expect(started.payment).toMatchObject({ package: expect.stringMatching(/^prepay_id=/), signType: expect.any(String), timeStamp: expect.any(String), nonceStr: expect.any(String), paySign: expect.any(String) });
    expect(started.myPayment).toMatchObject({ status: 'unpaid', amountFen: 1_990, holdUntil: expect.any(String) });
    expect(await payment(tradeNo(started))).toMatchObject({ status: 'unpaid', totalFee: 1_990, memberId: expect.any(String) });
    // The price comes from the deal: a client-sent amount is an unknown key.
    expect(await leader.raw('groupbuy', 'join', { groupId: started.groupId, totalFee: 1 })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    // The same seat's payment again: the same order number.
    const again = await leader.call('groupbuy', 'pay', { groupId: started.groupId });
    expect(tradeNo(again)).toBe(tradeNo(started));
  });

  it('join → pay → the group fills → every order is confirmed once, however often WeChat repeats the notification', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gbp-fill'));
    const [leader, friend] = await members('o_gbp_fill', 2);
    const started = await leader.call('groupbuy', 'start', { dealId: 'gbp-fill' });
    expect(await cloudPay().settle(tradeNo(started), 'succeed')).toMatchObject({ errcode: 0 });
    expect(await leader.call('groupbuy', 'group', { groupId: started.groupId })).toMatchObject({ status: 'open', paidMembers: 1, myPayment: { status: 'paid' } });
    const joined = await friend.call('groupbuy', 'join', { groupId: started.groupId });
    expect(joined).toMatchObject({ status: 'open', slotsLeft: 0, paidMembers: 1, myPayment: { status: 'unpaid' } });
    expect(await cloudPay().settle(tradeNo(joined), 'succeed')).toMatchObject({ errcode: 0 });

    const view = await friend.call('groupbuy', 'group', { groupId: started.groupId });
    expect(view).toMatchObject({ status: 'succeeded', paidMembers: 2, myPayment: { status: 'confirmed' }, myCouponId: expect.any(String) });
    for (const no of [tradeNo(started), tradeNo(joined)]) expect(await payment(no)).toMatchObject({ status: 'confirmed', orderNo: `groupbuy:${no}` });
    // Credited through the till's purchase path: an order, its points entry, growth and spend.
    const afterFill = await memberOf(tradeNo(started));
    expect(afterFill).toMatchObject({ stats: { orders: 1, spentFen: 1_990 } });
    expect(afterFill!.growth).toBeGreaterThan(0);
    expect(await getById(COLLECTIONS.orders, saleKeys(GROUPBUY_CHANNEL, `groupbuy:${tradeNo(joined)}`).orderId)).toMatchObject({ amountFen: 1_990, storeId: 'online' });

    // Retried and concurrent notifications: answered errcode 0, nothing credited twice.
    const answers = await Promise.all([tradeNo(started), tradeNo(joined), tradeNo(started), tradeNo(joined)].map((no) => cloudPay().retryCallback(no)));
    for (const answer of answers) expect(answer).toMatchObject({ errcode: 0 });
    expect(await count(COLLECTIONS.orders, { orderNo: `groupbuy:${tradeNo(started)}` })).toBe(1);
    expect(await count(COLLECTIONS.ledger, { orderNo: `groupbuy:${tradeNo(started)}` })).toBe(1);
    expect(await memberOf(tradeNo(started))).toEqual(afterFill);
    expect(await count(COLLECTIONS.memberCoupons, { sourceRef: started.groupId })).toBe(2);
    // The admin sees the money state.
    const listed = await world.console.call('groupbuy', 'payments', { groupId: started.groupId });
    expect(listed.payments.map((p) => p.status).sort()).toEqual(['confirmed', 'confirmed']);
    await expectCode(leader.call('groupbuy', 'payments', { groupId: started.groupId }), 'FORBIDDEN');
  });

  it('a group that fails refunds every payment once; unpaid seats are cancelled', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gbp-fail', { groupSize: 3, fillHours: 2 }));
    const [leader, a, b] = await members('o_gbp_fail', 3);
    const started = await leader.call('groupbuy', 'start', { dealId: 'gbp-fail' });
    const joinedA = await a.call('groupbuy', 'join', { groupId: started.groupId });
    const joinedB = await b.call('groupbuy', 'join', { groupId: started.groupId });
    await cloudPay().settle(tradeNo(started), 'succeed');
    await cloudPay().settle(tradeNo(joinedA), 'succeed');
    await cloudPay().settle(tradeNo(joinedB), 'fail'); // WeChat sends no notification for it
    world.clock.advance(2 * 3600_000);
    expect(await world.emu.asTimer('groupbuy', 'expireGroups')).toMatchObject({ ok: true });
    await cloudPay().idle(); // the refund notifications
    expect(await getById<GroupDoc>(COLLECTIONS.groups, started.groupId)).toMatchObject({ status: 'failed' });
    for (const no of [tradeNo(started), tradeNo(joinedA)]) {
      expect(await payment(no)).toMatchObject({ status: 'refunded', outRefundNo: `R${no}` });
      expect(cloudPay().refundsOf(no)).toEqual([{ outRefundNo: `R${no}`, refundFee: 1_990 }]);
    }
    expect(await payment(tradeNo(joinedB))).toMatchObject({ status: 'cancelled' });
    expect(cloudPay().refundsOf(tradeNo(joinedB))).toEqual([]);
    // Timer runs again, the refund notification repeats: still one refund each, no order.
    await world.emu.asTimer('groupbuy', 'expireGroups');
    expect(await cloudPay().retryRefundCallback(`R${tradeNo(started)}`)).toMatchObject({ errcode: 0 });
    await cloudPay().idle();
    expect(cloudPay().refundsOf(tradeNo(started))).toHaveLength(1);
    expect(await payment(tradeNo(started))).toMatchObject({ status: 'refunded' });
    expect(await count(COLLECTIONS.orders, { orderNo: `groupbuy:${tradeNo(started)}` })).toBe(0);
    expect(await leader.call('groupbuy', 'group', { groupId: started.groupId })).toMatchObject({ status: 'failed', myPayment: { status: 'refunded' } });
  });

  it('a payment for a seat that lapsed is refunded, not seated', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gbp-lapse', { groupSize: 3 }));
    const [leader, slow, quick] = await members('o_gbp_lapse', 3);
    const started = await leader.call('groupbuy', 'start', { dealId: 'gbp-lapse' });
    const late = await slow.call('groupbuy', 'join', { groupId: started.groupId });
    world.clock.advance(16 * 60_000);
    await quick.call('groupbuy', 'join', { groupId: started.groupId }); // drops both lapsed seats
    expect(await payment(tradeNo(late))).toMatchObject({ status: 'cancelled' });
    expect(await cloudPay().settle(tradeNo(late), 'succeed')).toMatchObject({ errcode: 0 });
    await cloudPay().idle();
    expect(await payment(tradeNo(late))).toMatchObject({ status: 'refunded' });
    expect((await getById<GroupDoc>(COLLECTIONS.groups, started.groupId))?.members).toHaveLength(1);
  });

  it('the console route behind `npm run admin -- pay <outTradeNo> --succeed|--fail` settles a payment like the payer would', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gbp-cli'));
    const [leader] = await members('o_gbp_cli', 1);
    const no = tradeNo(await leader.call('groupbuy', 'start', { dealId: 'gbp-cli' }));
    const post = (outTradeNo: string, outcome: string, headers = world.emu.consoleHeaders) =>
      fetch(`${world.emu.hostUrl}/console/pay/${outTradeNo}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ outcome }) });
    expect((await post(no, 'succeed', {})).status).toBe(401);
    expect((await post('GBunknown', 'succeed')).status).toBe(400);
    expect((await post(no, 'fail')).status).toBe(200);
    expect(await payment(no)).toMatchObject({ status: 'unpaid' });
    const paidAnswer = await post(no, 'succeed');
    expect(paidAnswer.status).toBe(200);
    expect(JSON.stringify(await paidAnswer.json())).toContain('"errcode":0');
    expect(await payment(no)).toMatchObject({ status: 'paid' });
  });

  it('a notification with the wrong amount or for an unknown order is refused and changes nothing', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gbp-bad'));
    const [leader] = await members('o_gbp_bad', 1);
    const started = await leader.call('groupbuy', 'start', { dealId: 'gbp-bad' });
    const no = tradeNo(started);
    const before = await payment(no);
    const wrong = await cloudPay().settle(no, 'succeed', { totalFee: 1 });
    expect(wrong).toMatchObject({ ok: false, code: 'PAYMENT_MISMATCH', errcode: expect.any(Number) });
    expect((wrong as { errcode: number }).errcode).not.toBe(0);
    const otherMerchant = await world.emu.invoke('groupbuy', { ...notice(no, 1_990), subMchId: '1999999999' }, { source: 'wx_paycallback' });
    expect(otherMerchant).toMatchObject({ ok: false, code: 'PAYMENT_MISMATCH' });
    const unknown = await world.emu.invoke('groupbuy', notice('GBnosuchorder', 1_990), { source: 'wx_paycallback' });
    expect(unknown).toMatchObject({ ok: false, code: 'PAYMENT_NOT_FOUND' });
    const malformed = await world.emu.invoke('groupbuy', { ...notice(no, 1_990), totalFee: '1990' }, { source: 'wx_paycallback' });
    expect(malformed).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await payment(no)).toEqual(before);
    expect(await getById<GroupDoc>(COLLECTIONS.groups, started.groupId)).toMatchObject({ members: [{ seat: { paid: false } }] });
    expect(await count(COLLECTIONS.audit, { action: 'groupbuy.paymentNotice', outcome: 'refused' })).toBeGreaterThanOrEqual(3);
    // The platform retries; the genuine notification still goes through.
    expect(await cloudPay().retryCallback(no)).toMatchObject({ errcode: 0 });
    expect(await payment(no)).toMatchObject({ status: 'paid' });
  });

  it('a wx_paycallback event reaches no other action, and no other source reaches the notice actions', async () => {
    await world.console.call('groupbuy', 'upsertDeal', deal('gbp-auth'));
    const [leader] = await members('o_gbp_auth', 1);
    const started = await leader.call('groupbuy', 'start', { dealId: 'gbp-auth' });
    const no = tradeNo(started);
    for (const event of [
      { action: 'join', groupId: started.groupId },
      { action: 'upsertDeal', ...deal('gbp-evil') },
      { action: 'paymentNotice', ...notice(no, 1_990) },
      { action: 'expireGroups' },
    ]) {
      expect(await world.emu.invoke('groupbuy', event, { source: 'wx_paycallback' })).toMatchObject({ ok: false, code: 'FORBIDDEN', errcode: 1 });
    }
    await expectCode(leader.call('groupbuy', 'paymentNotice', notice(no, 1_990) as never), 'FORBIDDEN');
    await expectCode(world.console.call('groupbuy', 'paymentNotice', notice(no, 1_990) as never), 'FORBIDDEN');
    expect(await world.emu.invoke('groupbuy', { action: 'refundNotice', outTradeNo: no }, { source: 'wx_http' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await payment(no)).toMatchObject({ status: 'unpaid' });
    expect(await getById(COLLECTIONS.groupDeals, 'gbp-evil')).toBeNull();
    expect(await find(COLLECTIONS.groupPayments, { groupId: started.groupId })).toHaveLength(1);
  });
});
