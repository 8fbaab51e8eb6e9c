import type { PayNoticeAnswer, PaymentNotice, RefundNotice } from '../../../../typings/api/groupbuy';
import { COLLECTIONS } from '../../data/collections';
import type { GroupDoc, GroupPaymentDoc } from '../../data/documents';
import { find, getById, patch, type Where } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError, isAppError } from '../../platform/app-error';
import { refund } from '../../platform/cloud-pay';
import { logger } from '../../platform/logger';
import { auditInTransaction, recordAudit } from '../audit/audit';
import { couponIds } from '../coupons/ids';
import { issueCoupon } from '../coupons/issue';
import { requireTemplate } from '../coupons/templates';
import { groupResultEvent } from '../notifications/events';
import { notifyInTransaction } from '../notifications/notice';
import { creditGroupOrder } from './order-credit';
import { isFilled, PAY_CALLBACK_FUNCTION, refundNo } from './seats';

/**
 * Money moves of a group-buy: a payment notification seats its payer (the last one fills the
 * group), a filled group's payments are confirmed as orders, a payment with no seat to fill (the
 * group failed, the seat lapsed) is refunded, and the refund notification closes it. Every step
 * checks the state it moves from, so a retried notification or a re-run sweep changes nothing twice.
 */

const SYSTEM = { kind: 'system' as const, id: 'groupbuy.payments' };

async function refused(code: 'PAYMENT_NOT_FOUND' | 'PAYMENT_MISMATCH', what: string, detail: Record<string, unknown>, now: Date): Promise<never> {
  await recordAudit({ actor: SYSTEM, storeId: null, memberId: null, action: `groupbuy.${what}`, outcome: 'refused', detail: { code, ...detail }, at: now });
  throw new AppError(code);
}

/** 支付结果通知: only sent for a successful payment; its amount and merchant must be the order's. */
export async function onPaymentNotice(notice: PaymentNotice, now: Date): Promise<PayNoticeAnswer> {
  const known = await getById<GroupPaymentDoc>(COLLECTIONS.groupPayments, notice.outTradeNo);
  const detail = { outTradeNo: notice.outTradeNo, totalFee: notice.totalFee, subMchId: notice.subMchId, transactionId: notice.transactionId };
  if (!known) return refused('PAYMENT_NOT_FOUND', 'paymentNotice', detail, now);
  if (notice.returnCode !== 'SUCCESS' || notice.resultCode !== 'SUCCESS' || notice.totalFee !== known.totalFee || notice.subMchId !== known.subMchId) {
    return refused('PAYMENT_MISMATCH', 'paymentNotice', { ...detail, expectedFee: known.totalFee }, now);
  }
  if (known.transactionId !== null && known.transactionId !== notice.transactionId) return refused('PAYMENT_MISMATCH', 'paymentNotice', { ...detail, knownTransactionId: known.transactionId }, now);
  const template = await requireGroupTemplate(known.groupId);
  const status = await inTransaction(async (tx) => {
    const [payment, group] = await Promise.all([tx.get<GroupPaymentDoc>(COLLECTIONS.groupPayments, notice.outTradeNo), tx.get<GroupDoc>(COLLECTIONS.groups, known.groupId)]);
    if (!payment || (payment.status !== 'unpaid' && payment.status !== 'cancelled')) return payment?.status ?? 'cancelled'; // a retried notification
    const mine = group?.members.find((m) => m.seat?.outTradeNo === payment._id);
    const paid = { transactionId: notice.transactionId, paidAt: now, updatedAt: now };
    if (!group || !mine?.seat || group.status !== 'open') {
      // The money came for a seat that is gone: it goes back.
      await tx.patch(COLLECTIONS.groupPayments, payment._id, { ...paid, status: 'refunding', outRefundNo: refundNo(payment._id) });
      return 'refunding' as const;
    }
    const members = group.members.map((m) => (m === mine && m.seat ? { ...m, seat: { ...m.seat, paid: true } } : m));
    const seated: GroupDoc = { ...group, members };
    const filled = isFilled(seated);
    const next: GroupDoc = filled ? { ...seated, status: 'succeeded', completedAt: now } : seated;
    await tx.put(COLLECTIONS.groups, next);
    await Promise.all([
      tx.patch(COLLECTIONS.groupPayments, payment._id, { ...paid, status: 'paid' }),
      // The fill issues every member's entitlement, as before payments: in the same transaction.
      ...(filled && template ? next.members.map((m) => tx.create(COLLECTIONS.memberCoupons, issueCoupon(template, m.memberId, couponIds.groupbuy(group._id, m.memberId), 'groupbuy', group._id, now))) : []),
      ...(filled ? next.members.map((m) => notifyInTransaction(tx, groupResultEvent('groupSucceeded', group._id, m.memberId, group.terms.productLabel, now), now)) : []),
      ...(filled ? [auditInTransaction(tx, { actor: SYSTEM, storeId: null, memberId: group.leaderId, action: 'groupbuy.groupFilled', outcome: 'ok', detail: { groupId: group._id, size: group.size }, at: now })] : []),
    ]);
    return 'paid' as const;
  });
  await settleGroup(known.groupId, now);
  const after = await getById<GroupPaymentDoc>(COLLECTIONS.groupPayments, notice.outTradeNo);
  return { outTradeNo: notice.outTradeNo, status: after?.status ?? status };
}

async function requireGroupTemplate(groupId: string) {
  const group = await getById<GroupDoc>(COLLECTIONS.groups, groupId);
  // Read outside the transaction: the terms are a snapshot, and reading the template inside
  // would make every payment conflict with every claim of that template.
  return group ? requireTemplate(group.terms.entitlementTemplateId) : null;
}

/** 退款结果通知: closes a refund this product asked for, with the number and amount it asked for. */
export async function onRefundNotice(notice: RefundNotice, now: Date): Promise<PayNoticeAnswer> {
  const known = await getById<GroupPaymentDoc>(COLLECTIONS.groupPayments, notice.outTradeNo);
  const detail = { outTradeNo: notice.outTradeNo, outRefundNo: notice.outRefundNo, refundFee: notice.refundFee };
  if (!known) return refused('PAYMENT_NOT_FOUND', 'refundNotice', detail, now);
  if (notice.returnCode !== 'SUCCESS' || notice.outRefundNo !== known.outRefundNo || notice.refundFee !== known.totalFee || notice.totalFee !== known.totalFee || notice.subMchId !== known.subMchId) {
    return refused('PAYMENT_MISMATCH', 'refundNotice', detail, now);
  }
  if (notice.refundStatus !== 'SUCCESS') {
    // CHANGE / REFUNDCLOSE: the refund did not go through; the sweep asks again under the same number.
    await patch(COLLECTIONS.groupPayments, known._id, { refundRequestedAt: null, updatedAt: now });
    logger.warn({ outTradeNo: known._id, refundStatus: notice.refundStatus }, 'refund not settled');
    return { outTradeNo: known._id, status: known.status };
  }
  const status = await inTransaction(async (tx) => {
    const payment = await tx.get<GroupPaymentDoc>(COLLECTIONS.groupPayments, known._id);
    if (!payment || payment.status !== 'refunding') return payment?.status ?? 'refunded';
    await Promise.all([
      tx.patch(COLLECTIONS.groupPayments, payment._id, { status: 'refunded', refundedAt: now, updatedAt: now }),
      auditInTransaction(tx, { actor: SYSTEM, storeId: null, memberId: payment.memberId, action: 'groupbuy.refunded', outcome: 'ok', detail: { outTradeNo: payment._id, outRefundNo: payment.outRefundNo, amountFen: payment.totalFee }, at: now }),
    ]);
    return 'refunded' as const;
  });
  return { outTradeNo: known._id, status };
}

/** Asks WeChat Pay for one payment's refund (the whole amount, its fixed refund number). */
async function requestRefund(payment: GroupPaymentDoc, now: Date): Promise<void> {
  if (payment.status !== 'refunding' || !payment.outRefundNo) return;
  try {
    await refund({ outTradeNo: payment._id, outRefundNo: payment.outRefundNo, totalFee: payment.totalFee, functionName: PAY_CALLBACK_FUNCTION });
  } catch (error) {
    // Left for the sweep: the same refund number is asked for again on the next run.
    logger.warn({ err: error, outTradeNo: payment._id }, 'refund request failed');
    if (!isAppError(error)) throw error;
    return;
  }
  await patch(COLLECTIONS.groupPayments, payment._id, { refundRequestedAt: now, updatedAt: now });
}

/** After any change to a group: confirm its paid orders if it filled, refund what has no seat. */
export async function settleGroup(groupId: string, now: Date): Promise<void> {
  const [group, payments] = await Promise.all([getById<GroupDoc>(COLLECTIONS.groups, groupId), find<GroupPaymentDoc>(COLLECTIONS.groupPayments, { groupId }, { limit: 100 })]);
  for (const payment of payments) {
    if (payment.status === 'paid' && group?.status === 'succeeded') await creditGroupOrder(payment._id, now);
    if (payment.status === 'refunding' && payment.refundRequestedAt === null) await requestRefund(payment, now);
  }
}

const SWEEP_PAGE = 100;

/**
 * Timer sweep for work a crash or a failed call left behind: paid payments of filled groups not
 * yet confirmed, refunds not yet asked for (or asked for and not settled within a day).
 */
export async function settleOutstanding(now: Date, timeLeftMs: () => number): Promise<{ scanned: number; changed: number; partial: boolean }> {
  let scanned = 0;
  let changed = 0;
  for (const status of ['paid', 'refunding'] as const) {
    const due = await find<GroupPaymentDoc>(COLLECTIONS.groupPayments, { status } as Where, { orderBy: [['updatedAt', 'asc']], limit: SWEEP_PAGE });
    for (const payment of due) {
      if (timeLeftMs() <= 0) return { scanned, changed, partial: true };
      scanned += 1;
      const stale = payment.refundRequestedAt === null || now.getTime() - payment.refundRequestedAt.getTime() > 24 * 3600_000;
      if (status === 'refunding' && !stale) continue;
      if (status === 'paid') {
        const group = await getById<GroupDoc>(COLLECTIONS.groups, payment.groupId);
        if (group?.status !== 'succeeded') continue;
        if (await creditGroupOrder(payment._id, now)) changed += 1;
      } else {
        await requestRefund({ ...payment }, now);
        changed += 1;
      }
    }
  }
  return { scanned, changed, partial: false };
}

/** Admin: a group's payments, or the latest in one money state. */
export async function listPayments(filter: { groupId?: string | undefined; status?: GroupPaymentDoc['status'] | undefined }): Promise<GroupPaymentDoc[]> {
  if (filter.groupId) return find<GroupPaymentDoc>(COLLECTIONS.groupPayments, { groupId: filter.groupId }, { limit: 100 });
  if (filter.status) return find<GroupPaymentDoc>(COLLECTIONS.groupPayments, { status: filter.status } as Where, { orderBy: [['updatedAt', 'asc']], limit: 100 });
  throw new AppError('INVALID_INPUT', 'groupId or status is required');
}
