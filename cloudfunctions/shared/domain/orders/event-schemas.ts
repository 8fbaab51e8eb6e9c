import { z } from 'zod';
import type { CustomerRef, OrderLine, OrderPaidEvent, OrderRefundedEvent } from '../../../../typings/api/orders';
import { businessKey, fen, mainlandPhone } from '../../platform/schemas';

/** The order events' bodies (typings/api/orders.ts), strict: an unknown field is refused, so nothing (points, member id) can be smuggled in. */
const identity = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'not a WeChat identity');

export const customerRef: z.ZodType<CustomerRef> = z.union([
  z.strictObject({ memberCode: z.string().min(1).max(256) }),
  z.strictObject({ cardNo: z.string().regex(/^\d{8,20}$/, 'a card number has 8-20 digits') }),
  z.strictObject({ phone: mainlandPhone }),
  z.strictObject({ openid: identity }),
  z.strictObject({ unionid: identity }),
]);

export const orderLine: z.ZodType<OrderLine> = z.strictObject({
  sku: z.string().min(1).max(64),
  category: z.string().min(1).max(64),
  quantity: z.number().int().positive().max(100_000),
  amountFen: z.number().int().nonnegative().max(100_000_000_00),
});

export const orderPaid: z.ZodType<OrderPaidEvent> = z.strictObject({
  type: z.literal('order.paid'),
  orderNo: businessKey,
  amountFen: fen,
  paidAt: z.iso.datetime({ offset: true }).optional(),
  storeId: businessKey.optional(),
  customer: customerRef,
  lines: z.array(orderLine).min(1).max(200).optional(),
});

export const orderRefunded: z.ZodType<OrderRefundedEvent> = z.strictObject({
  type: z.literal('order.refunded'),
  orderNo: businessKey,
  refundNo: businessKey,
  amountFen: fen,
});
