import type { OrderPaidEvent, OrderPaidResult, OrderRefundedEvent, OrderRefundedResult } from '../../../../typings/api/orders';
import { COLLECTIONS } from '../../data/collections';
import type { IntegrationDoc, OrderDoc, UnclaimedOrderDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { loadConfiguration } from '../settings/service';
import { identifyCustomer } from './identify';
import { saleKeys, unclaimedOrderId } from './keys';
import { assertLinesAddUp } from './lines';
import { refundSale } from './refund-sale';
import { loadOrderRules } from './rules';
import { creditSale, type Sale } from './sale';
import { keepUnclaimed, refundUnclaimed } from './unclaimed';

/** What a feed call did; `fresh` false when it only answered a retry (the caller then audits the call itself). */
export interface FeedOutcome<T> {
  result: T;
  fresh: boolean;
}

/** Orders without a store (the online shop) carry this store id. */
export const ONLINE_STORE = 'online';

/** The store an event may name: one of the integration's stores; without one, its only store or `online`. */
function storeOf(integration: IntegrationDoc, storeId: string | undefined): string {
  if (storeId === undefined) return integration.storeIds.length === 1 ? integration.storeIds[0] : ONLINE_STORE;
  if (!integration.storeIds.includes(storeId)) throw new AppError('FORBIDDEN', `门店 ${storeId} 不属于该对接系统`);
  return storeId;
}

function auditOf(integration: IntegrationDoc, action: string, detail: Record<string, unknown>) {
  return { actor: { kind: 'integration' as const, id: integration._id }, action, detail };
}

/**
 * An order paid at the integration's POS or shop: credited to the member through the sale path
 * every source shares, or kept for a customer who has not joined yet. Idempotent by (channel,
 * order number): a retry, or the same sale already typed in at the till, answers the first receipt.
 */
export async function recordPaidOrder(integration: IntegrationDoc, event: OrderPaidEvent, requestDetail: Record<string, unknown>, now: Date): Promise<FeedOutcome<OrderPaidResult>> {
  assertLinesAddUp(event.amountFen, event.lines);
  const storeId = storeOf(integration, event.storeId);
  const [config, rules] = await Promise.all([loadConfiguration(), loadOrderRules()]);
  const customer = await identifyCustomer(event.customer, config, now);
  const actor = `integration:${integration._id}`;
  const sale: Sale = { channel: integration.channel, orderNo: event.orderNo, amountFen: event.amountFen, ...(event.lines ? { lines: event.lines } : {}), storeId, actor };
  const audit = auditOf(integration, 'orders.paid', requestDetail);
  if (customer.kind === 'unknown') {
    return inTransaction((tx) => keepUnclaimed(tx, { sale, integrationId: integration._id, claimKey: customer.claimKey, unclaimedDays: rules.unclaimedDays, audit }, now));
  }
  const outcome = await inTransaction((tx) => creditSale(tx, { sale, memberId: customer.memberId, recordedBy: actor, config, rules, audit }, now));
  return { result: { status: 'credited', orderNo: event.orderNo, receipt: outcome.receipt }, fresh: outcome.fresh };
}

/**
 * A refund reported by the integration, for an order of its channel, whoever recorded the order
 * (the till, this POS, another integration of the channel). An order still waiting for its
 * customer records the refund on itself. A refund for an order nobody recorded is refused
 * (REFUND_BEFORE_ORDER): the source sends it again after the order.
 */
export async function recordRefundedOrder(integration: IntegrationDoc, event: OrderRefundedEvent, requestDetail: Record<string, unknown>, now: Date): Promise<FeedOutcome<OrderRefundedResult>> {
  const config = await loadConfiguration();
  const actor = `integration:${integration._id}`;
  const audit = auditOf(integration, 'orders.refunded', requestDetail);
  return inTransaction(async (tx): Promise<FeedOutcome<OrderRefundedResult>> => {
    const [order, waiting] = await Promise.all([
      tx.get<OrderDoc>(COLLECTIONS.orders, saleKeys(integration.channel, event.orderNo).orderId),
      tx.get<UnclaimedOrderDoc>(COLLECTIONS.unclaimedOrders, unclaimedOrderId(integration.channel, event.orderNo)),
    ]);
    if (order) {
      if (integration.storeIds.length > 0 && !integration.storeIds.includes(order.storeId)) throw new AppError('ORDER_OTHER_STORE');
      const replay = order.refunds.find((r) => r.refundNo === event.refundNo);
      const receipt = await refundSale(tx, { order, refundNo: event.refundNo, amountFen: event.amountFen, actor, recordedBy: actor, storeId: order.storeId, config, audit }, now);
      return { result: { status: 'credited', orderNo: event.orderNo, receipt }, fresh: !replay };
    }
    if (waiting && waiting.status === 'waiting') {
      return refundUnclaimed(tx, waiting, { refundNo: event.refundNo, amountFen: event.amountFen, audit }, now);
    }
    throw new AppError('REFUND_BEFORE_ORDER', `订单 ${event.orderNo} 尚未登记`);
  });
}
