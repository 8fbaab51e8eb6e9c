import type { OrderPaidResult, OrderRefundedResult } from '../../../../typings/api/orders';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { AuditDoc, MemberDoc, OrderDoc, UnclaimedOrderDoc } from '../../data/documents';
import { find } from '../../data/store';
import { inTransaction, type Tx } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { logger } from '../../platform/logger';
import { auditInTransaction } from '../audit/audit';
import { loadConfiguration } from '../settings/service';
import { addDays, toIso } from '../time/calendar';
import { claimKeysOf } from './identify';
import { saleKeys, unclaimedOrderId } from './keys';
import { loadOrderRules } from './rules';
import { creditSale, type Sale } from './sale';

/**
 * Orders of customers who are not members yet (docs/order-feed.md, "Unknown customers"): kept in
 * `unclaimed_orders` under a keyed digest of the phone, openid or unionid the source sent, with
 * their refunds, and credited through the ordinary sale path when that customer joins (or sets
 * that phone number) before `claimUntil`, with the refunds that arrived meanwhile netted at once.
 */
export interface KeepOrder {
  sale: Sale;
  integrationId: string;
  claimKey: string;
  unclaimedDays: number;
  audit: Pick<AuditDoc, 'actor' | 'action'> & { detail?: Record<string, unknown> };
}

export async function keepUnclaimed(tx: Tx, keep: KeepOrder, now: Date): Promise<{ result: OrderPaidResult; fresh: boolean }> {
  const { sale } = keep;
  const id = unclaimedOrderId(sale.channel, sale.orderNo);
  const [order, waiting] = await Promise.all([tx.get<OrderDoc>(COLLECTIONS.orders, saleKeys(sale.channel, sale.orderNo).orderId), tx.get<UnclaimedOrderDoc>(COLLECTIONS.unclaimedOrders, id)]);
  // Already credited (the customer joined, or the till recorded it): the same sale is not kept twice.
  if (order) {
    if (order.amountFen !== sale.amountFen) throw new AppError('ORDER_CONFLICT', `订单 ${sale.orderNo} 已登记`);
    return { result: { status: 'credited', orderNo: sale.orderNo, receipt: order.receipt }, fresh: false };
  }
  if (waiting) {
    if (waiting.amountFen !== sale.amountFen || waiting.claimKey !== keep.claimKey) throw new AppError('ORDER_CONFLICT', `订单 ${sale.orderNo} 已登记`);
    return { result: { status: 'unclaimed', orderNo: sale.orderNo, claimUntil: toIso(waiting.claimUntil) }, fresh: false };
  }
  const doc: UnclaimedOrderDoc = {
    _id: id,
    channel: sale.channel,
    orderNo: sale.orderNo,
    integrationId: keep.integrationId,
    storeId: sale.storeId,
    amountFen: sale.amountFen,
    refundedFen: 0,
    ...(sale.lines && sale.lines.length > 0 ? { lines: sale.lines } : {}),
    refunds: [],
    claimKey: keep.claimKey,
    claimUntil: addDays(now, keep.unclaimedDays),
    status: 'waiting',
    ...(sale.history ? { history: true } : {}),
    createdAt: sale.history?.at ?? now,
  };
  await Promise.all([
    tx.create(COLLECTIONS.unclaimedOrders, doc),
    auditInTransaction(tx, { actor: keep.audit.actor, storeId: sale.storeId, memberId: null, action: keep.audit.action, outcome: 'ok', detail: { orderNo: sale.orderNo, channel: sale.channel, amountFen: sale.amountFen, unclaimed: true, ...keep.audit.detail }, at: now }),
  ]);
  return { result: { status: 'unclaimed', orderNo: sale.orderNo, claimUntil: toIso(doc.claimUntil) }, fresh: true };
}

/** A refund of an order still waiting: recorded on it, so the customer is later credited the net amount. */
export async function refundUnclaimed(
  tx: Tx,
  waiting: UnclaimedOrderDoc,
  refund: { refundNo: string; amountFen: number; audit: Pick<AuditDoc, 'actor' | 'action'> & { detail?: Record<string, unknown> } },
  now: Date,
): Promise<{ result: OrderRefundedResult; fresh: boolean }> {
  const previous = waiting.refunds.find((r) => r.refundNo === refund.refundNo);
  const answer = (doc: UnclaimedOrderDoc): OrderRefundedResult => ({ status: 'unclaimed', orderNo: doc.orderNo, refundNo: refund.refundNo, remainingFen: doc.amountFen - doc.refundedFen });
  if (previous) {
    if (previous.amountFen !== refund.amountFen) throw new AppError('REFUND_CONFLICT');
    return { result: answer(waiting), fresh: false };
  }
  const refundable = waiting.amountFen - waiting.refundedFen;
  if (refund.amountFen > refundable) throw new AppError('REFUND_EXCEEDS_ORDER', `可退金额 ${refundable} 分`, { refundableFen: refundable });
  const next: UnclaimedOrderDoc = { ...waiting, refundedFen: waiting.refundedFen + refund.amountFen, refunds: [...waiting.refunds, { refundNo: refund.refundNo, amountFen: refund.amountFen, at: now }] };
  await Promise.all([
    tx.put(COLLECTIONS.unclaimedOrders, next),
    auditInTransaction(tx, { actor: refund.audit.actor, storeId: waiting.storeId, memberId: null, action: refund.audit.action, outcome: 'ok', detail: { orderNo: waiting.orderNo, channel: waiting.channel, refundNo: refund.refundNo, amountFen: refund.amountFen, unclaimed: true, ...refund.audit.detail }, at: now }),
  ]);
  return { result: answer(next), fresh: true };
}

/** Claims one waiting order for the member in one transaction: the sale is credited and the order marked claimed. */
async function claimOne(member: MemberDoc, waitingId: string, now: Date): Promise<boolean> {
  const [config, rules] = await Promise.all([loadConfiguration(), loadOrderRules()]);
  return inTransaction(async (tx) => {
    const waiting = await tx.get<UnclaimedOrderDoc>(COLLECTIONS.unclaimedOrders, waitingId);
    if (!waiting || waiting.status !== 'waiting' || waiting.claimUntil < now) return false;
    // Claimed orders are deleted, not marked: from here the order itself holds the sale, and nothing
    // in this collection ever links a customer digest to a member.
    const markClaimed = () => tx.remove(COLLECTIONS.unclaimedOrders, waiting._id);
    const outcome = await creditSale(
      tx,
      {
        sale: {
          channel: waiting.channel,
          orderNo: waiting.orderNo,
          amountFen: waiting.amountFen,
          ...(waiting.lines ? { lines: waiting.lines } : {}),
          storeId: waiting.storeId,
          actor: `integration:${waiting.integrationId}`,
          priorRefunds: waiting.refunds,
          ...(waiting.history ? { history: { at: waiting.createdAt } } : {}),
        },
        memberId: member._id,
        recordedBy: `integration:${waiting.integrationId}`,
        config,
        rules,
        audit: { actor: { kind: 'integration', id: waiting.integrationId }, action: 'orders.claim', detail: { claimedFrom: waiting._id } },
      },
      now,
      { read: () => Promise.resolve(null), check: () => () => [markClaimed()] },
    );
    // Already credited under this order number (the till recorded it meanwhile): only the removal is missing.
    if (!outcome.fresh) await markClaimed();
    return outcome.fresh;
  });
}

/**
 * Credits every order waiting under the member's identities. Called after registration and after a
 * phone number is set; a failure is logged and retried at the next such call, never turns the
 * member's own action into an error.
 */
export async function claimWaitingOrders(member: MemberDoc, identity: { openid: string | null; unionid: string | null; phone: string | null }, now: Date): Promise<number> {
  const keys = claimKeysOf(identity);
  if (keys.length === 0) return 0;
  try {
    const _ = command();
    const waiting = await find<UnclaimedOrderDoc>(COLLECTIONS.unclaimedOrders, { claimKey: _.in(keys), status: 'waiting' }, { orderBy: [['_id', 'asc']], limit: 100 });
    let credited = 0;
    for (const doc of waiting) if (await claimOne(member, doc._id, now)) credited += 1;
    return credited;
  } catch (error) {
    logger.error({ err: error, memberId: member._id }, 'claiming waiting orders failed');
    return 0;
  }
}
