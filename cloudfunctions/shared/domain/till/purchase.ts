import type { PurchaseReceipt } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc, OrderDoc, ReferralDoc, StaffDailyDoc, StaffDoc, TierHistoryDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { AppError, isAppError } from '../../platform/app-error';
import { keyId } from '../../platform/ids';
import { raiseFlag, recordAudit, auditInTransaction } from '../audit/audit';
import { activeMultipliers } from '../campaigns/policy';
import { memberSummary } from '../members/card-view';
import { ledgerDoc, ledgerIds, lotIds, normalise, pointsStateOf, withPointsState } from '../points/account';
import { growthForPurchase, pointsForPurchase } from '../points/earning';
import { earn } from '../points/ledger';
import { referralBonus } from '../referrals/reward';
import type { Configuration } from '../settings/service';
import { addDays, addMonths, endOfMonthAfter, monthKey, toIso } from '../time/calendar';
import { pruneGrowth, rollingGrowth, tierByCode, upgradeFor } from '../tiers/ladder';
import { addUsage, dailyUsageId, emptyUsage } from './daily-usage';
import { requireSessionAndConfiguration } from './scan';
import { limitsFor } from './staff-directory';

export interface PurchaseInput {
  sessionId: string;
  orderNo: string;
  amountFen: number;
}

/** The purchase's effect on the member: earn (repaying debt first), growth, immediate upgrade. Also credits paid group-buy orders (domain/groupbuy/order-credit.ts). */
export function applyPurchase(current: MemberDoc, staff: Pick<StaffDoc, '_id'>, input: Pick<PurchaseInput, 'orderNo' | 'amountFen'>, config: Configuration, now: Date) {
  const actor = `staff:${staff._id}`;
  const { member, entries } = normalise(current, now, actor);
  const tier = tierByCode(config.tiers, member.tier);
  const points = pointsForPurchase({
    amountFen: input.amountFen,
    pointsPerYuan: config.settings.pointsPerYuan,
    tierMultiplierPermille: tier.benefits.pointsMultiplierPermille,
    // Multipliers granted by campaigns and in force now stack on the tier's (docs/campaigns.md).
    campaignMultipliersPermille: activeMultipliers(member.campaignMultipliers, now),
  });
  const lotId = lotIds.order(input.orderNo);
  const applied = earn(pointsStateOf(member), {
    id: lotId,
    amount: points,
    earnedAt: now,
    availableAt: addDays(now, config.settings.pendingDays),
    expiresAt: endOfMonthAfter(now, config.settings.expiryMonths),
    orderNo: input.orderNo,
  });
  const growthAdded = growthForPurchase(input.amountFen, config.settings.growthPerYuan);
  const month = monthKey(now);
  const growthByMonth = pruneGrowth({ ...member.growthByMonth, [month]: (member.growthByMonth[month] ?? 0) + growthAdded }, now);
  const growth = rollingGrowth(growthByMonth, now);
  const upgrade = upgradeFor(config.tiers, member.tier, growth);
  let next: MemberDoc = {
    ...withPointsState(member, applied.state, now),
    growthByMonth,
    growth,
    stats: { orders: member.stats.orders + 1, spentFen: member.stats.spentFen + input.amountFen, lastPurchaseAt: now },
  };
  let tierHistory: TierHistoryDoc | null = null;
  if (upgrade) {
    const protectedUntil = addMonths(now, config.settings.tierProtectionMonths);
    next = { ...next, tier: upgrade.code, tierSince: now, tierProtectedUntil: protectedUntil, tierReviewAt: protectedUntil };
    tierHistory = { _id: keyId('upgrade', input.orderNo), memberId: member._id, from: member.tier, to: upgrade.code, reason: 'upgrade', growth, at: now };
  }
  if (applied.entry.delta !== 0 || applied.entry.debtDelta !== 0) {
    entries.push(ledgerDoc(member._id, applied.entry, next.points.balance, { id: ledgerIds.earn(input.orderNo), orderNo: input.orderNo, actor, now }));
  }
  return { next, entries, points, growthAdded, debtRepaid: -applied.entry.debtDelta, lotId: applied.entry.delta > 0 ? lotId : null, tierHistory, upgrade, month };
}

export type Effect = ReturnType<typeof applyPurchase>;

export function purchaseReceipt(before: MemberDoc, effect: Effect, input: Pick<PurchaseInput, 'orderNo' | 'amountFen'>, config: Configuration, now: Date): PurchaseReceipt {
  const credited = effect.points - effect.debtRepaid;
  return {
    orderNo: input.orderNo,
    amountFen: input.amountFen,
    pointsEarned: effect.points,
    debtRepaid: effect.debtRepaid,
    pointsPendingUntil: config.settings.pendingDays > 0 && credited > 0 ? toIso(addDays(now, config.settings.pendingDays)) : null,
    growthAdded: effect.growthAdded,
    tierChange: effect.upgrade ? { from: before.tier, to: effect.upgrade.code, toName: effect.upgrade.name } : null,
    member: memberSummary(effect.next, config, now),
  };
}

function orderDoc(member: MemberDoc, staff: StaffDoc, input: PurchaseInput, effect: Effect, receipt: PurchaseReceipt, now: Date): OrderDoc {
  return {
    _id: input.orderNo,
    orderNo: input.orderNo,
    memberId: member._id,
    storeId: staff.storeId,
    staffId: staff._id,
    amountFen: input.amountFen,
    refundedFen: 0,
    pointsEarned: effect.points,
    pointsReversed: 0,
    growthAdded: effect.growthAdded,
    growthReversed: 0,
    growthMonth: effect.month,
    lotId: effect.lotId,
    debtRepaid: effect.debtRepaid,
    refunds: [],
    createdAt: now,
    receipt,
  };
}

/**
 * Records a purchase at the till: points earned, growth added and the tier re-checked, all in
 * one transaction keyed by the order number. A retried or concurrent duplicate of the same order
 * returns the first receipt; the same order number with other details is refused.
 */
export async function recordPurchase(staff: StaffDoc, input: PurchaseInput, now: Date): Promise<PurchaseReceipt> {
  const [session, config] = await requireSessionAndConfiguration(staff, input.sessionId, now);
  const limits = limitsFor(staff, config.staffLimits);
  try {
    return await inTransaction(async (tx): Promise<PurchaseReceipt> => {
      const [existing, current, usage, referral] = await Promise.all([
        tx.get<OrderDoc>(COLLECTIONS.orders, input.orderNo),
        tx.get<MemberDoc>(COLLECTIONS.members, session.memberId),
        tx.get<StaffDailyDoc>(COLLECTIONS.staffDaily, dailyUsageId(staff._id, now)),
        tx.get<ReferralDoc>(COLLECTIONS.referrals, session.memberId),
      ]);
      if (existing) {
        if (existing.memberId === session.memberId && existing.amountFen === input.amountFen) return existing.receipt;
        throw new AppError('ORDER_CONFLICT', `订单 ${input.orderNo} 已登记`);
      }
      if (!current || current.status !== 'active') throw new AppError('MEMBER_NOT_FOUND');
      const nextUsage = addUsage(usage ?? emptyUsage(staff._id, now), 'purchaseFen', input.amountFen, limits);
      const effect = applyPurchase(current, staff, input, config, now);
      const receipt = purchaseReceipt(current, effect, input, config, now);
      // A referred member's first qualifying purchase rewards both sides in this transaction (domain/referrals/reward.ts).
      const bonus = await referralBonus(tx, referral, effect.next, input, config, now);
      // All writes at once, the hot member card among them: a transaction owns a document from
      // its first write to its commit (CloudBase/MongoDB), and other writers fail at their write
      // meanwhile, so the shortest window is one round of writes, then the commit.
      await Promise.all([
        tx.put(COLLECTIONS.members, bonus?.invitee ?? effect.next),
        ...(bonus ? bonus.write() : []),
        tx.put(COLLECTIONS.staffDaily, nextUsage),
        tx.create(COLLECTIONS.orders, orderDoc(current, staff, input, effect, receipt, now)),
        ...effect.entries.map((entry) => tx.create(COLLECTIONS.ledger, entry)),
        ...(effect.tierHistory ? [tx.create(COLLECTIONS.tierHistory, effect.tierHistory)] : []),
        auditInTransaction(tx, {
          actor: { kind: 'staff', id: staff._id },
          storeId: staff.storeId,
          memberId: current._id,
          action: 'staff.recordPurchase',
          outcome: 'ok',
          detail: { orderNo: input.orderNo, amountFen: input.amountFen, points: receipt.pointsEarned },
          at: now,
        }),
      ]);
      return receipt;
    });
  } catch (error) {
    if (isAppError(error)) {
      await recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId: session.memberId, action: 'staff.recordPurchase', outcome: 'refused', detail: { code: error.code, orderNo: input.orderNo, amountFen: input.amountFen }, at: now });
      if (error.code === 'STAFF_LIMIT_EXCEEDED') await raiseFlag({ kind: 'staff_limit', staffId: staff._id, detail: `purchase ${input.orderNo} of ${input.amountFen} fen refused: ${error.message}`, at: now });
    }
    throw error;
  }
}
