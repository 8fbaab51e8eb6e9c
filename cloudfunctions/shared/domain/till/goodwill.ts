import type { StaffDoc, StaffDailyDoc } from '../../data/documents';
import { COLLECTIONS } from '../../data/collections';
import { inTransaction } from '../../data/transaction';
import { AppError, isAppError } from '../../platform/app-error';
import { raiseFlag, recordAudit } from '../audit/audit';
import { ledgerIds } from '../points/account';
import { applyAdjustment, type AdjustResult } from '../points/adjustment';
import { addUsage, dailyUsageId, emptyUsage } from './daily-usage';
import { requireSessionAndConfiguration } from './scan';
import { limitsFor } from './staff-directory';

export interface GoodwillInput {
  sessionId: string;
  points: number;
  reason: string;
  key: string;
}

/**
 * A store manager's goodwill adjustment for the member just scanned (e.g. a complaint settled at
 * the counter). Managers only; every point, credited or debited, counts against the manager's
 * daily `pointsAdjustedPerDay` limit (default 0: off until an admin sets it), in the same
 * transaction as the ledger entry.
 */
export async function adjustAtTill(staff: StaffDoc, input: GoodwillInput, now: Date): Promise<AdjustResult> {
  if (staff.role !== 'manager') throw new AppError('FORBIDDEN', '仅店长可调整积分');
  const [session, config] = await requireSessionAndConfiguration(staff, input.sessionId, now);
  const limits = limitsFor(staff, config.staffLimits);
  const actor = `staff:${staff._id}`;
  try {
    return await inTransaction(async (tx) => {
      const usage = (await tx.get<StaffDailyDoc>(COLLECTIONS.staffDaily, dailyUsageId(staff._id, now))) ?? emptyUsage(staff._id, now);
      const { result, replayed } = await applyAdjustment(
        tx,
        { memberId: session.memberId, delta: input.points, reason: input.reason, key: input.key },
        ledgerIds.tillAdjust(staff._id, input.key),
        { actor, audit: { actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, action: 'staff.adjustPoints' } },
        config,
        now,
      );
      if (!replayed) await tx.put(COLLECTIONS.staffDaily, addUsage(usage, 'pointsAdjusted', Math.abs(input.points), limits));
      return result;
    });
  } catch (error) {
    if (isAppError(error)) {
      await recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId: session.memberId, action: 'staff.adjustPoints', outcome: 'refused', detail: { code: error.code, points: input.points, reason: input.reason }, at: now });
      if (error.code === 'STAFF_LIMIT_EXCEEDED') await raiseFlag({ kind: 'staff_limit', staffId: staff._id, detail: `points adjustment of ${input.points} refused: ${error.message}`, at: now });
    }
    throw error;
  }
}
