import type { RefundReceipt } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { AuditDoc, MemberDoc, OrderDoc } from '../../data/documents';
import type { Tx } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { auditInTransaction } from '../audit/audit';
import { ledgerDoc, normalise, pointsStateOf, withPointsState } from '../points/account';
import { proportionalReversal } from '../points/earning';
import { reverse } from '../points/ledger';
import { referralClawback } from '../referrals/clawback';
import type { Configuration } from '../settings/service';
import { pruneGrowth, rollingGrowth } from '../tiers/ladder';
import { saleKeys, STORE_CHANNEL } from './keys';

/** Growth goes back in the month the purchase counted in; never below zero, never a downgrade here. */
function reverseGrowth(member: MemberDoc, month: string, amount: number, now: Date): MemberDoc {
  const current = member.growthByMonth[month] ?? 0;
  const growthByMonth = pruneGrowth({ ...member.growthByMonth, [month]: Math.max(0, current - amount) }, now);
  return { ...member, growthByMonth, growth: rollingGrowth(growthByMonth, now) };
}

export interface RefundRequest {
  /** The order, read in this transaction and already judged refundable by this caller. */
  order: OrderDoc;
  refundNo: string;
  amountFen: number;
  actor: string;
  /** Written to the order's refund entry as staffId: the staff member or `integration:<id>`. */
  recordedBy: string;
  storeId: string;
  config: Configuration;
  audit: Pick<AuditDoc, 'actor' | 'action'> & { detail?: Record<string, unknown> };
}

/** A retry of the same refund number answers the first receipt; other details are a conflict. */
export function previousRefund(order: OrderDoc, refundNo: string, amountFen: number): RefundReceipt | null {
  const previous = order.refunds.find((refund) => refund.refundNo === refundNo);
  if (!previous) return null;
  if (previous.receipt.amountFen === amountFen) return previous.receipt;
  throw new AppError('REFUND_CONFLICT');
}

/**
 * A (partial) refund of a recorded sale, whichever source reports it: the order's points are taken
 * back in proportion, preferring the order's own still-pending lot; points already spent become
 * debt (docs/loyalty-rules.md). A refund inside the return window that takes the order that
 * converted a referral below the qualifying amount claws the referral rewards back in the same
 * transaction. A tier is never lowered by a refund; the periodic review does that. `check` is the
 * source's own last check (the till's daily limits), run after the refund's checks and before any
 * write; it returns the source's own writes.
 */
export async function refundSale(tx: Tx, request: RefundRequest, now: Date, check: () => () => Array<Promise<void>> = () => () => []): Promise<RefundReceipt> {
  const { order, refundNo, amountFen, config } = request;
  const replay = previousRefund(order, refundNo, amountFen);
  if (replay) return replay;
  const current = await tx.get<MemberDoc>(COLLECTIONS.members, order.memberId);
  if (!current) throw new AppError('MEMBER_NOT_FOUND');
  if (current.status !== 'active') throw new AppError('MEMBER_DELETED');
  const refundable = order.amountFen - order.refundedFen;
  if (amountFen > refundable) throw new AppError('REFUND_EXCEEDS_ORDER', `可退金额 ${refundable} 分`, { refundableFen: refundable });
  const writes = check();

  const { member, entries } = normalise(current, now, request.actor);
  const points = proportionalReversal(order.pointsEarned, order.amountFen, order.refundedFen, amountFen, order.pointsReversed);
  const growth = proportionalReversal(order.growthAdded, order.amountFen, order.refundedFen, amountFen, order.growthReversed);
  const applied = reverse(pointsStateOf(member), points, order.lotId);
  const next = reverseGrowth(withPointsState(member, applied.state, now), order.growthMonth, growth, now);
  if (points > 0) {
    const entryId = saleKeys(order.channel ?? STORE_CHANNEL, order.orderNo).refundEntryId(refundNo);
    entries.push(ledgerDoc(member._id, applied.entry, next.points.balance, { id: entryId, orderNo: order.orderNo, reason: `refund ${refundNo}`, actor: request.actor, now }));
  }
  const receipt: RefundReceipt = {
    orderNo: order.orderNo,
    refundNo,
    amountFen,
    orderRefundedFen: order.refundedFen + amountFen,
    pointsReversed: points,
    debtAdded: applied.entry.debtDelta,
    growthReversed: growth,
  };
  const clawback = await referralClawback(tx, order, receipt.orderRefundedFen, next, config, now);
  const updatedOrder: OrderDoc = {
    ...order,
    refundedFen: receipt.orderRefundedFen,
    pointsReversed: order.pointsReversed + points,
    growthReversed: order.growthReversed + growth,
    refunds: [...order.refunds, { refundNo, staffId: request.recordedBy, storeId: request.storeId, at: now, receipt }],
  };
  await tx.put(COLLECTIONS.members, clawback?.invitee ?? next);
  await Promise.all([
    ...(clawback ? clawback.write() : []),
    tx.put(COLLECTIONS.orders, updatedOrder),
    ...writes(),
    ...entries.map((entry) => tx.create(COLLECTIONS.ledger, entry)),
    auditInTransaction(tx, {
      actor: request.audit.actor,
      storeId: request.storeId,
      memberId: order.memberId,
      action: request.audit.action,
      outcome: 'ok',
      detail: { orderNo: order.orderNo, channel: order.channel ?? STORE_CHANNEL, orderStoreId: order.storeId, refundNo, amountFen, pointsReversed: points, debtAdded: receipt.debtAdded, referralClawedBack: clawback !== null, ...request.audit.detail },
      at: now,
    }),
  ]);
  return receipt;
}
