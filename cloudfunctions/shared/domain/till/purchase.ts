import type { PurchaseReceipt } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { StaffDailyDoc, StaffDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { isAppError } from '../../platform/app-error';
import { raiseFlag, recordAudit } from '../audit/audit';
import { STORE_CHANNEL } from '../orders/keys';
import { creditSale } from '../orders/sale';
import { addUsage, dailyUsageId, emptyUsage } from './daily-usage';
import { requireSessionAndConfiguration } from './scan';
import { limitsFor } from './staff-directory';

export interface PurchaseInput {
  sessionId: string;
  orderNo: string;
  amountFen: number;
}

/**
 * Records a purchase at the till: the sale path every source shares (domain/orders/sale.ts), in
 * the `store` channel, plus the staff member's daily limit in the same transaction. A retried or
 * concurrent duplicate of the same order returns the first receipt; the same order number with
 * other details is refused.
 */
export async function recordPurchase(staff: StaffDoc, input: PurchaseInput, now: Date): Promise<PurchaseReceipt> {
  const [session, config] = await requireSessionAndConfiguration(staff, input.sessionId, now);
  const limits = limitsFor(staff, config.staffLimits);
  try {
    const outcome = await inTransaction((tx) =>
      creditSale(
        tx,
        {
          sale: { channel: STORE_CHANNEL, orderNo: input.orderNo, amountFen: input.amountFen, storeId: staff.storeId, actor: `staff:${staff._id}` },
          memberId: session.memberId,
          recordedBy: staff._id,
          config,
          audit: { actor: { kind: 'staff', id: staff._id }, action: 'staff.recordPurchase' },
        },
        now,
        {
          read: () => tx.get<StaffDailyDoc>(COLLECTIONS.staffDaily, dailyUsageId(staff._id, now)),
          check: (usage) => {
            const nextUsage = addUsage(usage ?? emptyUsage(staff._id, now), 'purchaseFen', input.amountFen, limits);
            return () => [tx.put(COLLECTIONS.staffDaily, nextUsage)];
          },
        },
      ),
    );
    return outcome.receipt;
  } catch (error) {
    if (isAppError(error)) {
      await recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId: session.memberId, action: 'staff.recordPurchase', outcome: 'refused', detail: { code: error.code, orderNo: input.orderNo, amountFen: input.amountFen }, at: now });
      if (error.code === 'STAFF_LIMIT_EXCEEDED') await raiseFlag({ kind: 'staff_limit', staffId: staff._id, detail: `purchase ${input.orderNo} of ${input.amountFen} fen refused: ${error.message}`, at: now });
    }
    throw error;
  }
}
