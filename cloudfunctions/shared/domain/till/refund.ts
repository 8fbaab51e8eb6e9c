import type { RefundReceipt } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc, OrderDoc, StaffDailyDoc, StaffDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { AppError, isAppError } from '../../platform/app-error';
import { raiseFlag, recordAudit, auditInTransaction } from '../audit/audit';
import { ledgerDoc, ledgerIds, normalise, pointsStateOf, withPointsState } from '../points/account';
import { proportionalReversal } from '../points/earning';
import { reverse } from '../points/ledger';
import { referralClawback } from '../referrals/clawback';
import { pruneGrowth, rollingGrowth } from '../tiers/ladder';
import { addUsage, dailyUsageId, emptyUsage } from './daily-usage';
import { requireSessionAndConfiguration } from './scan';
import { limitsFor } from './staff-directory';

export interface RefundInput {
  sessionId: string;
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
 * Who may refund what (docs/loyalty-rules.md, "The till"): the order must belong to the member of
 * the staff member's open till session (another member's order is reported as not found), and
 * have been recorded at the staff member's own store, except for store managers, who may refund
 * any order of the brand (a shopper returning goods at another store).
 */
function assertMayRefund(staff: StaffDoc, order: OrderDoc | null, sessionMemberId: string): asserts order is OrderDoc {
  if (!order || order.memberId !== sessionMemberId) throw new AppError('ORDER_NOT_FOUND', '该会员没有此订单');
  if (order.storeId !== staff.storeId && staff.role !== 'manager') throw new AppError('ORDER_OTHER_STORE');
}

/**
 * Records a (partial) refund by order number for the member of a till session: the order's
 * points are taken back in proportion, preferring the order's own still-pending lot; points
 * already spent become debt (see docs/loyalty-rules.md). Keyed by refund number, so retries
 * return the first receipt. Counts against the staff member's daily `refundFenPerDay`. A refund
 * inside the return window that takes the order that converted a referral below the qualifying
 * amount claws the referral rewards back in the same transaction. A tier is never lowered by a
 * refund; the periodic review does that.
 */
export async function recordRefund(staff: StaffDoc, input: RefundInput, now: Date): Promise<RefundReceipt> {
  const [session, config] = await requireSessionAndConfiguration(staff, input.sessionId, now);
  const limits = limitsFor(staff, config.staffLimits);
  let orderStoreId: string | null = null;
  try {
    return await inTransaction(async (tx): Promise<RefundReceipt> => {
      const [order, usage] = await Promise.all([
        tx.get<OrderDoc>(COLLECTIONS.orders, input.orderNo),
        tx.get<StaffDailyDoc>(COLLECTIONS.staffDaily, dailyUsageId(staff._id, now)),
      ]);
      orderStoreId = order?.storeId ?? null;
      assertMayRefund(staff, order, session.memberId);
      const previous = order.refunds.find((refund) => refund.refundNo === input.refundNo);
      if (previous) {
        if (previous.receipt.amountFen === input.amountFen) return previous.receipt;
        throw new AppError('REFUND_CONFLICT');
      }
      const current = await tx.get<MemberDoc>(COLLECTIONS.members, order.memberId);
      if (!current) throw new AppError('MEMBER_NOT_FOUND');
      if (current.status !== 'active') throw new AppError('MEMBER_DELETED');
      const refundable = order.amountFen - order.refundedFen;
      if (input.amountFen > refundable) throw new AppError('REFUND_EXCEEDS_ORDER', `可退金额 ${refundable} 分`, { refundableFen: refundable });
      const nextUsage = addUsage(usage ?? emptyUsage(staff._id, now), 'refundFen', input.amountFen, limits);

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
      const clawback = await referralClawback(tx, order, receipt.orderRefundedFen, next, config, now);
      const updatedOrder: OrderDoc = {
        ...order,
        refundedFen: receipt.orderRefundedFen,
        pointsReversed: order.pointsReversed + points,
        growthReversed: order.growthReversed + growth,
        refunds: [...order.refunds, { refundNo: input.refundNo, staffId: staff._id, storeId: staff.storeId, at: now, receipt }],
      };
      await tx.put(COLLECTIONS.members, clawback?.invitee ?? next);
      await Promise.all([
        ...(clawback ? clawback.write() : []),
        tx.put(COLLECTIONS.orders, updatedOrder),
        tx.put(COLLECTIONS.staffDaily, nextUsage),
        ...entries.map((entry) => tx.create(COLLECTIONS.ledger, entry)),
        auditInTransaction(tx, {
          actor: { kind: 'staff', id: staff._id },
          storeId: staff.storeId,
          memberId: order.memberId,
          action: 'staff.recordRefund',
          outcome: 'ok',
          detail: { orderNo: order.orderNo, orderStoreId: order.storeId, refundNo: input.refundNo, amountFen: input.amountFen, pointsReversed: points, debtAdded: receipt.debtAdded, referralClawedBack: clawback !== null },
          at: now,
        }),
      ]);
      return receipt;
    });
  } catch (error) {
    if (isAppError(error)) {
      const { sessionId: _session, ...detail } = input;
      await recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId: session.memberId, action: 'staff.recordRefund', outcome: 'refused', detail: { code: error.code, orderStoreId, ...detail }, at: now });
      if (error.code === 'STAFF_LIMIT_EXCEEDED') await raiseFlag({ kind: 'staff_limit', staffId: staff._id, detail: `refund ${input.refundNo} of order ${input.orderNo} (${input.amountFen} fen) refused: ${error.message}`, at: now });
    }
    throw error;
  }
}
