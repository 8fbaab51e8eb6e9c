import type { RefundReceipt } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { OrderDoc, StaffDailyDoc, StaffDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { AppError, isAppError } from '../../platform/app-error';
import { raiseFlag, recordAudit } from '../audit/audit';
import { saleKeys, STORE_CHANNEL } from '../orders/keys';
import { refundSale } from '../orders/refund-sale';
import { addUsage, dailyUsageId, emptyUsage } from './daily-usage';
import { requireSessionAndConfiguration } from './scan';
import { limitsFor } from './staff-directory';

export interface RefundInput {
  sessionId: string;
  orderNo: string;
  refundNo: string;
  amountFen: number;
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
        tx.get<OrderDoc>(COLLECTIONS.orders, saleKeys(STORE_CHANNEL, input.orderNo).orderId),
        tx.get<StaffDailyDoc>(COLLECTIONS.staffDaily, dailyUsageId(staff._id, now)),
      ]);
      orderStoreId = order?.storeId ?? null;
      assertMayRefund(staff, order, session.memberId);
      return refundSale(
        tx,
        { order, refundNo: input.refundNo, amountFen: input.amountFen, actor: `staff:${staff._id}`, recordedBy: staff._id, storeId: staff.storeId, config, audit: { actor: { kind: 'staff', id: staff._id }, action: 'staff.recordRefund' } },
        now,
        // The daily limit is checked after the refund's own checks (replay, member, refundable).
        () => {
          const nextUsage = addUsage(usage ?? emptyUsage(staff._id, now), 'refundFen', input.amountFen, limits);
          return () => [tx.put(COLLECTIONS.staffDaily, nextUsage)];
        },
      );
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
