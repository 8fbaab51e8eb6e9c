import { z } from 'zod';
import { slugId } from '../shared/domain/coupons/schemas';
import { browseDeals, listDeals, upsertDeal } from '../shared/domain/groupbuy/deals';
import { expireGroups } from '../shared/domain/groupbuy/expiry';
import { groupDetail, joinGroup, myGroups, payAgain, startGroup } from '../shared/domain/groupbuy/groups';
import { adminPaymentView } from '../shared/domain/groupbuy/views';
import { listPayments, onPaymentNotice, onRefundNotice } from '../shared/domain/groupbuy/settlement';
import { reconcileHeld } from '../shared/domain/groupbuy/stock';
import { admin, payCallback, shopper } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { EVERY_ROLE, OPERATORS, OWNERS } from '../shared/platform/roles';
import { documentId, empty, fen } from '../shared/platform/schemas';

const instant = z.iso.datetime({ offset: true });
const outTradeNo = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
const paymentStatus = z.enum(['unpaid', 'paid', 'confirmed', 'refunding', 'refunded', 'cancelled']);
// WeChat Pay's notifications (支付结果回调云函数协议; 退款结果通知): the fields read are required,
// the others WeChat sends (appid, mchId, nonceStr, timeEnd, …) pass through unread.
const paymentNotice = z.looseObject({ returnCode: z.string(), resultCode: z.string(), subMchId: z.string().min(1), outTradeNo, transactionId: z.string().min(1).max(32), totalFee: z.number().int().positive() });
const refundNotice = z.looseObject({ returnCode: z.string(), subMchId: z.string().min(1), outTradeNo, outRefundNo: z.string().min(1).max(64), refundFee: z.number().int().positive(), totalFee: z.number().int().positive(), refundStatus: z.string() });
const dealInput = z.strictObject({
  dealId: slugId,
  productLabel: z.string().trim().min(1).max(32),
  description: z.string().max(200).optional(),
  groupPriceFen: fen,
  originalPriceFen: fen,
  groupSize: z.number().int().min(2).max(20),
  fillHours: z.number().int().min(1).max(168),
  window: z.strictObject({ from: instant, until: instant }),
  groupStock: z.number().int().min(0).max(1_000_000),
  entitlementTemplateId: slugId,
  active: z.boolean(),
});

/** Group-buy (拼团): deals, starting and joining groups, the share page, and the expiry timer. */
export const main = defineFunction('groupbuy', {
  listDeals: action({ input: empty, guard: shopper, run: (_input, call, openid) => listDeals(openid, call.now) }),
  /** Visitors too: the shopper guard needs a WeChat identity, not a card. */
  browseDeals: action({ input: empty, guard: shopper, run: (_input, call) => browseDeals(call.now) }),
  start: action({ input: z.strictObject({ dealId: slugId }), guard: shopper, run: (input, call, openid) => startGroup(openid, input.dealId, call.now) }),
  join: action({ input: z.strictObject({ groupId: documentId }), guard: shopper, run: (input, call, openid) => joinGroup(openid, input.groupId, call.now) }),
  pay: action({ input: z.strictObject({ groupId: documentId }), guard: shopper, run: (input, call, openid) => payAgain(openid, input.groupId, call.now) }),
  group: action({ input: z.strictObject({ groupId: documentId }), guard: shopper, run: (input, _call, openid) => groupDetail(openid, input.groupId) }),
  myGroups: action({ input: empty, guard: shopper, run: (_input, _call, openid) => myGroups(openid) }),
  upsertDeal: action({ input: dealInput, guard: admin, roles: OPERATORS, run: (input, call, actor) => upsertDeal(input, actor, call.now) }),
  expireGroups: action({ input: empty, guard: admin, roles: OWNERS, run: (_input, call) => expireGroups(call.now, call.timeLeftMs) }),
  /** After a crash: groupsHeld back to the deal's open and succeeded groups, once no start can be in flight. */
  reconcileHeld: action({ input: z.strictObject({ dealId: slugId }), guard: admin, roles: OPERATORS, run: (input, call) => reconcileHeld(input.dealId, call.now) }),
  payments: action({
    input: z.strictObject({ groupId: documentId.optional(), status: paymentStatus.optional() }),
    guard: admin, roles: EVERY_ROLE,
    run: async (input) => ({ payments: (await listPayments(input)).map(adminPaymentView) }),
  }),
  /** WeChat Pay's notifications reach only these two (platform/handler.ts routes them by shape). */
  paymentNotice: action({ input: paymentNotice, guard: payCallback, run: (input, call) => onPaymentNotice(input, call.now) }),
  refundNotice: action({ input: refundNotice, guard: payCallback, run: (input, call) => onRefundNotice(input, call.now) }),
});
