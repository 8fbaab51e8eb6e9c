import { createHash } from 'node:crypto';
import type { GroupDoc, GroupPaymentDoc, GroupSeat } from '../../data/documents';

/**
 * Pure rules of paid seats. Joining or starting a group takes a seat that stays held unpaid for
 * SEAT_HOLD_MINUTES; a seat nobody paid for in time is dropped by the next join. The group
 * succeeds once every seat is taken and paid.
 */

/** How long an unpaid seat is held (WeChat Pay's own prepay id lives 2 hours; a seat is scarcer). */
export const SEAT_HOLD_MINUTES = 15;

/** The function WeChat Pay notifies (payments and refunds alike). */
export const PAY_CALLBACK_FUNCTION = 'groupbuy';

type GroupMember = GroupDoc['members'][number];

/**
 * outTradeNo: ≤ 32 of [A-Za-z0-9_-] (CloudPay.unifiedOrder). One per seat taken: the group,
 * the member and when, so a member who lets a seat lapse and joins again pays under a new number.
 */
export function paymentNo(groupId: string, memberId: string, takenAt: Date): string {
  return `GB${createHash('sha256').update(JSON.stringify([groupId, memberId, takenAt.getTime()])).digest('hex').slice(0, 30)}`;
}

/** One refund per payment: its number is derived, so every retry asks for the same refund. */
export function refundNo(outTradeNo: string): string {
  return `R${outTradeNo}`;
}

/** The order a confirmed payment credits; the colon keeps it apart from till numbers ([A-Za-z0-9_-]). */
export function groupOrderNo(outTradeNo: string): string {
  return `groupbuy:${outTradeNo}`;
}

export function newSeat(groupId: string, memberId: string, now: Date): GroupSeat {
  return { outTradeNo: paymentNo(groupId, memberId, now), paid: false, holdUntil: new Date(now.getTime() + SEAT_HOLD_MINUTES * 60_000) };
}

/** Members who joined before payments existed have no seat record and count as paid. */
export function isPaid(member: GroupMember): boolean {
  return !member.seat || member.seat.paid;
}

/** A seat still counts while paid or inside its hold. */
export function isHeld(member: GroupMember, now: Date): boolean {
  return isPaid(member) || (member.seat !== undefined && member.seat.holdUntil > now);
}

/** Every seat taken and paid: the group has succeeded. */
export function isFilled(group: GroupDoc): boolean {
  return group.members.length === group.size && group.members.every(isPaid);
}

export function newPayment(group: GroupDoc, memberId: string, seat: GroupSeat, subMchId: string, now: Date): GroupPaymentDoc {
  return {
    _id: seat.outTradeNo,
    groupId: group._id,
    dealId: group.dealId,
    memberId,
    totalFee: group.terms.groupPriceFen,
    subMchId,
    status: 'unpaid',
    transactionId: null,
    outRefundNo: null,
    orderNo: null,
    createdAt: now,
    updatedAt: now,
    paidAt: null,
    confirmedAt: null,
    refundRequestedAt: null,
    refundedAt: null,
  };
}
