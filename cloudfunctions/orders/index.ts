import { recordPaidOrder, recordRefundedOrder } from '../shared/domain/orders/feed';
import { orderPaid, orderRefunded } from '../shared/domain/orders/event-schemas';
import { admitSigned, auditFeedCall, integration } from '../shared/domain/orders/integration-guard';
import { defineHttpFunction } from '../shared/platform/http-access';

/** Largest body an order event may have: 200 line items fit in well under this. */
export const ORDER_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The order feed: a brand's POS or online shop posts signed order events through CloudBase's HTTP
 * access service (docs/order-feed.md). The only function reachable over HTTP without an admin,
 * and all it can do is record orders and refunds.
 */
export const main = defineHttpFunction('orders', {
  bodyLimitBytes: ORDER_BODY_LIMIT_BYTES,
  guard: integration,
  admit: admitSigned,
  audit: auditFeedCall,
  auditKeys: ['orderNo', 'refundNo'],
  actions: {
    'order.paid': {
      input: orderPaid,
      run: async (event: typeof orderPaid._output, call, signed) => {
        const detail = { orderNo: event.orderNo, requestId: call.requestId };
        const done = await recordPaidOrder(signed.integration, event, { nonce: signed.nonce, requestId: call.requestId }, call.now);
        return { result: done.result, audited: done.fresh, detail };
      },
    },
    'order.refunded': {
      input: orderRefunded,
      run: async (event: typeof orderRefunded._output, call, signed) => {
        const detail = { orderNo: event.orderNo, refundNo: event.refundNo, requestId: call.requestId };
        const done = await recordRefundedOrder(signed.integration, event, { nonce: signed.nonce, requestId: call.requestId }, call.now);
        return { result: done.result, audited: done.fresh, detail };
      },
    },
  },
});
