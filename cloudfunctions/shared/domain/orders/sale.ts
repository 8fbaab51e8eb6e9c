import type { OrderLine, OrderRules } from '../../../../typings/api/orders';
import type { PurchaseReceipt } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { AuditDoc, MemberDoc, OrderDoc, ReferralDoc, TierHistoryDoc } from '../../data/documents';
import type { Tx } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { auditInTransaction } from '../audit/audit';
import { activeMultipliers } from '../campaigns/policy';
import { memberSummary } from '../members/card-view';
import { ledgerDoc, normalise, pointsStateOf, withPointsState } from '../points/account';
import { growthForPurchase, pointsForPurchase, proportionalReversal } from '../points/earning';
import { tierUpEvent } from '../notifications/events';
import { notifyInTransaction } from '../notifications/notice';
import { earn } from '../points/ledger';
import { referralBonus } from '../referrals/reward';
import type { Configuration } from '../settings/service';
import { addDays, addMonths, endOfMonthAfter, monthKey, toIso } from '../time/calendar';
import { pruneGrowth, rollingGrowth, tierByCode, upgradeFor } from '../tiers/ladder';
import { overrideActive } from '../tiers/override';
import { DEFAULT_ORDER_RULES, earningFen } from './lines';
import { saleKeys } from './keys';

/**
 * One sale, wherever it was recorded: the till, a store POS, the online shop, a historical import
 * (and later a paid group-buy). Everything a sale does to a member happens here, so every source
 * earns the same points, growth, tier, referral reward and campaign multipliers, and one order
 * (channel, order number) is credited once whichever source reports it first.
 */
export interface Sale {
  /** Order-number namespace (see keys.ts): the till and a store POS are both `store`. */
  channel: string;
  orderNo: string;
  amountFen: number;
  lines?: OrderLine[];
  storeId: string;
  /** Who recorded it: `staff:<id>`, `integration:<id>`, `admin:...`; written to ledger entries. */
  actor: string;
  /** A historical import: counts as spend, growth (in its month) and orders, earns no points, rewards no referral. */
  history?: { at: Date };
  /** Refunds reported before the sale could be credited (an order that waited for its customer): netted at once. */
  priorRefunds?: Array<{ refundNo: string; amountFen: number; at: Date }>;
}

/**
 * Refunds that arrived while the order waited: each takes back its proportional share, exactly as
 * refunds after the sale would (points/earning.ts proportionalReversal), so the order ends up as
 * if it had been credited and then refunded.
 */
function nettedRefunds(sale: Sale, points: number, growth: number) {
  let refundedFen = 0;
  let pointsReversed = 0;
  let growthReversed = 0;
  const refunds: OrderDoc['refunds'] = [];
  for (const refund of sale.priorRefunds ?? []) {
    const p = proportionalReversal(points, sale.amountFen, refundedFen, refund.amountFen, pointsReversed);
    const g = proportionalReversal(growth, sale.amountFen, refundedFen, refund.amountFen, growthReversed);
    refundedFen += refund.amountFen;
    pointsReversed += p;
    growthReversed += g;
    refunds.push({ refundNo: refund.refundNo, staffId: sale.actor, storeId: sale.storeId, at: refund.at, receipt: { orderNo: sale.orderNo, refundNo: refund.refundNo, amountFen: refund.amountFen, orderRefundedFen: refundedFen, pointsReversed: p, debtAdded: 0, growthReversed: g } });
  }
  return { refundedFen, pointsReversed, growthReversed, refunds };
}

/** The sale's effect on the member: earn (repaying debt first), growth, immediate upgrade. */
export function applySale(current: MemberDoc, sale: Sale, config: Configuration, rules: OrderRules, now: Date) {
  const keys = saleKeys(sale.channel, sale.orderNo);
  const at = sale.history?.at ?? now;
  const { member, entries } = normalise(current, now, sale.actor);
  const tier = tierByCode(config.tiers, member.tier);
  const points = sale.history
    ? 0
    : pointsForPurchase({
        amountFen: earningFen(sale.amountFen, sale.lines, rules),
        pointsPerYuan: config.settings.pointsPerYuan,
        tierMultiplierPermille: tier.benefits.pointsMultiplierPermille,
        // Multipliers granted by campaigns and in force now stack on the tier's (docs/campaigns.md).
        campaignMultipliersPermille: activeMultipliers(member.campaignMultipliers, now),
      });
  const growthAdded = growthForPurchase(sale.amountFen, config.settings.growthPerYuan);
  const netted = nettedRefunds(sale, points, growthAdded);
  const applied = earn(pointsStateOf(member), {
    id: keys.lotId,
    amount: points - netted.pointsReversed,
    earnedAt: now,
    availableAt: addDays(now, config.settings.pendingDays),
    expiresAt: endOfMonthAfter(now, config.settings.expiryMonths),
    orderNo: sale.orderNo,
  });
  const month = monthKey(at);
  const growthByMonth = pruneGrowth({ ...member.growthByMonth, [month]: (member.growthByMonth[month] ?? 0) + growthAdded - netted.growthReversed }, now);
  const growth = rollingGrowth(growthByMonth, now);
  // An admin's tier override holds until its end date; the review then places the member by growth.
  const upgrade = overrideActive(member, now) ? null : upgradeFor(config.tiers, member.tier, growth);
  const last = member.stats.lastPurchaseAt;
  let next: MemberDoc = {
    ...withPointsState(member, applied.state, now),
    growthByMonth,
    growth,
    stats: { orders: member.stats.orders + 1, spentFen: member.stats.spentFen + sale.amountFen, lastPurchaseAt: last && last > at ? last : at },
  };
  let tierHistory: TierHistoryDoc | null = null;
  if (upgrade) {
    const protectedUntil = addMonths(now, config.settings.tierProtectionMonths);
    next = { ...next, tier: upgrade.code, tierSince: now, tierProtectedUntil: protectedUntil, tierReviewAt: protectedUntil };
    tierHistory = { _id: keys.upgradeId, memberId: member._id, from: member.tier, to: upgrade.code, reason: 'upgrade', growth, at: now };
  }
  if (applied.entry.delta !== 0 || applied.entry.debtDelta !== 0) {
    entries.push(ledgerDoc(member._id, applied.entry, next.points.balance, { id: keys.earnEntryId, orderNo: sale.orderNo, actor: sale.actor, now }));
  }
  return { next, entries, points, growthAdded, netted, debtRepaid: -applied.entry.debtDelta, lotId: applied.entry.delta > 0 ? keys.lotId : null, tierHistory, upgrade, month };
}

type Effect = ReturnType<typeof applySale>;

function saleReceipt(before: MemberDoc, effect: Effect, sale: Sale, config: Configuration, now: Date): PurchaseReceipt {
  const earned = effect.points - effect.netted.pointsReversed;
  const credited = earned - effect.debtRepaid;
  return {
    orderNo: sale.orderNo,
    amountFen: sale.amountFen,
    pointsEarned: earned,
    debtRepaid: effect.debtRepaid,
    pointsPendingUntil: config.settings.pendingDays > 0 && credited > 0 ? toIso(addDays(now, config.settings.pendingDays)) : null,
    growthAdded: effect.growthAdded - effect.netted.growthReversed,
    tierChange: effect.upgrade ? { from: before.tier, to: effect.upgrade.code, toName: effect.upgrade.name } : null,
    member: memberSummary(effect.next, config, now),
  };
}

function saleOrderDoc(member: MemberDoc, sale: Sale, staffId: string, effect: Effect, receipt: PurchaseReceipt, now: Date): OrderDoc {
  return {
    _id: saleKeys(sale.channel, sale.orderNo).orderId,
    orderNo: sale.orderNo,
    channel: sale.channel,
    memberId: member._id,
    storeId: sale.storeId,
    staffId,
    amountFen: sale.amountFen,
    refundedFen: effect.netted.refundedFen,
    pointsEarned: effect.points,
    pointsReversed: effect.netted.pointsReversed,
    growthAdded: effect.growthAdded,
    growthReversed: effect.netted.growthReversed,
    growthMonth: effect.month,
    lotId: effect.lotId,
    debtRepaid: effect.debtRepaid,
    refunds: effect.netted.refunds,
    ...(sale.lines && sale.lines.length > 0 ? { lines: sale.lines } : {}),
    createdAt: sale.history?.at ?? now,
    receipt,
  };
}

/** A retry of the same order answers the first receipt; the same number with other details is a conflict. */
export function replayOrConflict(existing: OrderDoc, memberId: string, sale: Sale): PurchaseReceipt {
  if (existing.memberId === memberId && existing.amountFen === sale.amountFen) return existing.receipt;
  throw new AppError('ORDER_CONFLICT', `订单 ${sale.orderNo} 已登记`);
}

/** `fresh`: this call credited the sale; false when it answered a retry with the first receipt. */
export interface SaleOutcome {
  receipt: PurchaseReceipt;
  fresh: boolean;
}

export interface SaleRequest {
  sale: Sale;
  memberId: string;
  /** Written as the order's staffId: the staff member, or `integration:<id>` / `import:<id>`. */
  recordedBy: string;
  config: Configuration;
  rules?: OrderRules;
  audit: Pick<AuditDoc, 'actor' | 'action'> & { detail?: Record<string, unknown> };
}

/**
 * Credits a sale inside the caller's transaction. `extra` lets a source read and write its own
 * documents in the same transaction (the till's daily staff limits): its read runs beside the
 * sale's reads, and its check runs after the duplicate check, before anything is written, so it
 * may still refuse.
 */
export async function creditSale<R>(
  tx: Tx,
  request: SaleRequest,
  now: Date,
  extra?: { read: () => Promise<R>; check: (read: R) => () => Array<Promise<void>> },
): Promise<SaleOutcome> {
  const { sale, memberId, config } = request;
  const [existing, current, referral, extraRead] = await Promise.all([
    tx.get<OrderDoc>(COLLECTIONS.orders, saleKeys(sale.channel, sale.orderNo).orderId),
    tx.get<MemberDoc>(COLLECTIONS.members, memberId),
    sale.history ? Promise.resolve(null) : tx.get<ReferralDoc>(COLLECTIONS.referrals, memberId),
    extra ? extra.read() : Promise.resolve(undefined as R),
  ]);
  if (existing) return { receipt: replayOrConflict(existing, memberId, sale), fresh: false };
  if (!current || current.status !== 'active') throw new AppError('MEMBER_NOT_FOUND');
  const extraWrites = extra ? extra.check(extraRead) : () => [];
  const effect = applySale(current, sale, config, request.rules ?? DEFAULT_ORDER_RULES, now);
  const receipt = saleReceipt(current, effect, sale, config, now);
  // A referred member's first qualifying purchase rewards both sides in this transaction (domain/referrals/reward.ts).
  const bonus = sale.history ? null : await referralBonus(tx, referral, effect.next, sale, config, now);
  // All writes at once, the hot member card among them: a transaction owns a document from
  // its first write to its commit (CloudBase/MongoDB), and other writers fail at their write
  // meanwhile, so the shortest window is one round of writes, then the commit.
  await Promise.all([
    tx.put(COLLECTIONS.members, bonus?.invitee ?? effect.next),
    ...(bonus ? bonus.write() : []),
    ...extraWrites(),
    tx.create(COLLECTIONS.orders, saleOrderDoc(current, sale, request.recordedBy, effect, receipt, now)),
    ...effect.entries.map((entry) => tx.create(COLLECTIONS.ledger, entry)),
    ...(effect.tierHistory ? [tx.create(COLLECTIONS.tierHistory, effect.tierHistory)] : []),
    ...(effect.upgrade ? [notifyInTransaction(tx, tierUpEvent(current._id, sale.orderNo, effect.upgrade.name, now), now)] : []),
    auditInTransaction(tx, {
      actor: request.audit.actor,
      storeId: sale.storeId,
      memberId: current._id,
      action: request.audit.action,
      outcome: 'ok',
      detail: { orderNo: sale.orderNo, channel: sale.channel, amountFen: sale.amountFen, points: receipt.pointsEarned, ...request.audit.detail },
      at: now,
    }),
  ]);
  return { receipt, fresh: true };
}
