import type { StaffLimits } from '../../../../typings/api';
import type { StaffDailyDoc } from '../../data/documents';
import { AppError } from '../../platform/app-error';
import { keyId } from '../../platform/ids';
import { dayKey } from '../time/calendar';

/** One document per staff member per business day, updated inside the action's transaction. */
export function dailyUsageId(staffId: string, now: Date): string {
  return keyId('staff_day', staffId, dayKey(now));
}

export function emptyUsage(staffId: string, now: Date): StaffDailyDoc {
  return { _id: dailyUsageId(staffId, now), staffId, day: dayKey(now), purchaseFen: 0, pointsAdjusted: 0, couponsRedeemed: 0, refundFen: 0 };
}

type Metric = 'purchaseFen' | 'pointsAdjusted' | 'couponsRedeemed' | 'refundFen';
const LIMIT_OF: Record<Metric, keyof StaffLimits> = {
  purchaseFen: 'purchaseFenPerDay',
  pointsAdjusted: 'pointsAdjustedPerDay',
  couponsRedeemed: 'couponsRedeemedPerDay',
  refundFen: 'refundFenPerDay',
};

/** Adds `amount` to today's usage or refuses if that would pass the staff member's limit. */
export function addUsage(usage: StaffDailyDoc, metric: Metric, amount: number, limits: StaffLimits): StaffDailyDoc {
  const limit = limits[LIMIT_OF[metric]];
  const used = usage[metric] ?? 0;
  if (used + amount > limit) {
    throw new AppError('STAFF_LIMIT_EXCEEDED', `今日额度不足（${metric}: 已用 ${used}，上限 ${limit}）`, { metric, used, limit, requested: amount });
  }
  return { ...usage, [metric]: used + amount };
}
