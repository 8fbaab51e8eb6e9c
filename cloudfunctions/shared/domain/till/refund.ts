import type { RefundReceipt } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc, OrderDoc, StaffDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { AppError, isAppError } from '../../platform/app-error';
import { recordAudit, auditInTransaction } from '../audit/audit';
import { ledgerDoc, ledgerIds, normalise, pointsStateOf, withPointsState } from '../points/account';
import { proportionalReversal } from '../points/earning';
import { reverse } from '../points/ledger';
import { pruneGrowth, rollingGrowth } from '../tiers/ladder';

export interface RefundInput {
  orderNo: string;
  refundNo: string;
  amountFen: number;
}

/** Growth goes back in the month the purchase counted in; never below zero, never a downgrade here. */
function reverseGrowth(member: MemberDoc, month: string, amount: number, now: Date): MemberDoc {
  const current = member.growthByMonth[month] ?? 0;
  const growthByMonth = pruneGrowth({ ...member.growthByMonth, [month]: Math.max(0, current - amount) }, now);
  return { ...member, growthByMonth, growth: rollingGrowth(growthByMonth, now) };
}

/**
 * Records a (partial) refund by order number: the order's points are taken back in proportion,
 * preferring the order's own still-pending lot; points already spent become debt (see
 * docs/loyalty-rules.md). Keyed by refund number, so retries return the first receipt.
 * A tier is never lowered by a refund; the periodic review does that.
 */
export async function recordRefund(staff: StaffDoc, input: RefundInput, now: Date): Promise<RefundReceipt> {
  try {
    return await inTransaction(async (tx): Promise<RefundReceipt> => {
      const order = await tx.get<OrderDoc>(COLLECTIONS.orders, input.orderNo);
      if (!order) throw new AppError('ORDER_NOT_FOUND');
      const previous = order.refunds.find((refund) => refund.refundNo === input.refundNo);
      if (previous) {
        if (previous.receipt.amountFen === input.amountFen) return previous.receipt;
        throw new AppError('REFUND_CONFLICT');
      }
      const refundable = order.amountFen - order.refundedFen;
      if (input.amountFen > refundable) throw new AppError('REFUND_EXCEEDS_ORDER', `可退金额 ${refundable} 分`, { refundableFen: refundable });
      const current = await tx.get<MemberDoc>(COLLECTIONS.members, order.memberId);
      if (!current) throw new AppError('MEMBER_NOT_FOUND');

      const actor = `staff:${staff._id}`;
      const { member, entries } = normalise(current, now, actor);
      const points = proportionalReversal(order.pointsEarned, order.amountFen, order.refundedFen, input.amountFen, order.pointsReversed);
      const growth = proportionalReversal(order.growthAdded, order.amountFen, order.refundedFen, input.amountFen, order.growthReversed);
      const applied = reverse(pointsStateOf(member), points, order.lotId);
      const next = reverseGrowth(withPointsState(member, applied.state, now), order.growthMonth, growth, now);
      if (points > 0) {
        entries.push(ledgerDoc(member._id, applied.entry, next.points.balance, { id: ledgerIds.refund(order.orderNo, input.refundNo), orderNo: order.orderNo, reason: `refund ${input.refundNo}`, actor, now }));
      }
      const receipt: RefundReceipt = {
        orderNo: order.orderNo,
        refundNo: input.refundNo,
        amountFen: input.amountFen,
        orderRefundedFen: order.refundedFen + input.amountFen,
        pointsReversed: points,
        debtAdded: applied.entry.debtDelta,
        growthReversed: growth,
      };
      const updatedOrder: OrderDoc = {
        ...order,
        refundedFen: receipt.orderRefundedFen,
        pointsReversed: order.pointsReversed + points,
        growthReversed: order.growthReversed + growth,
        refunds: [...order.refunds, { refundNo: input.refundNo, staffId: staff._id, at: now, receipt }],
      };
      await tx.put(COLLECTIONS.members, next);
      await tx.put(COLLECTIONS.orders, updatedOrder);
      for (const entry of entries) await tx.create(COLLECTIONS.ledger, entry);
      await auditInTransaction(tx, {
        actor: { kind: 'staff', id: staff._id },
        storeId: staff.storeId,
        memberId: order.memberId,
        action: 'staff.recordRefund',
        outcome: 'ok',
        detail: { orderNo: order.orderNo, refundNo: input.refundNo, amountFen: input.amountFen, pointsReversed: points, debtAdded: receipt.debtAdded },
        at: now,
      });
      return receipt;
    });
  } catch (error) {
    if (isAppError(error)) {
      await recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId: null, action: 'staff.recordRefund', outcome: 'refused', detail: { code: error.code, ...input }, at: now });
    }
    throw error;
  }
}
