import type { AdminPaymentView, GroupDealView, GroupView, PaymentView } from '../../../../typings/api/groupbuy';
import type { GroupDealDoc, GroupDoc, GroupPaymentDoc, GroupSeat } from '../../data/documents';
import { couponIds } from '../coupons/ids';
import { toIso } from '../time/calendar';
import { groupsLeft } from './rules';
import { isPaid } from './seats';

export function dealView(deal: GroupDealDoc, entitlementTitle: string, myGroupId: string | null, now: Date): GroupDealView {
  const left = groupsLeft(deal);
  return {
    dealId: deal._id,
    productLabel: deal.productLabel,
    description: deal.description,
    groupPriceFen: deal.groupPriceFen,
    originalPriceFen: deal.originalPriceFen,
    groupSize: deal.groupSize,
    fillHours: deal.fillHours,
    window: { from: toIso(deal.windowFrom), until: toIso(deal.windowUntil) },
    groupStock: deal.groupStock,
    groupsLeft: left,
    entitlement: { templateId: deal.entitlementTemplateId, title: entitlementTitle },
    active: deal.active,
    startable: deal.active && now >= deal.windowFrom && now < deal.windowUntil && left > 0,
    myGroupId,
  };
}

/** A seat's money state before (or without) its payment record: unpaid until the notification arrives. */
export function seatPayment(seat: GroupSeat, amountFen: number): PaymentView {
  return { outTradeNo: seat.outTradeNo, amountFen, status: seat.paid ? 'paid' : 'unpaid', holdUntil: seat.paid ? null : toIso(seat.holdUntil) };
}

export function paymentView(payment: GroupPaymentDoc): PaymentView {
  return { outTradeNo: payment._id, amountFen: payment.totalFee, status: payment.status, holdUntil: null };
}

export function adminPaymentView(payment: GroupPaymentDoc): AdminPaymentView {
  return {
    ...paymentView(payment),
    groupId: payment.groupId,
    dealId: payment.dealId,
    memberId: payment.memberId,
    transactionId: payment.transactionId,
    outRefundNo: payment.outRefundNo,
    orderNo: payment.orderNo,
    createdAt: toIso(payment.createdAt),
    updatedAt: toIso(payment.updatedAt),
  };
}

export function groupView(group: GroupDoc, viewerId: string | null, myPayment: PaymentView | null = null): GroupView {
  const joinedByMe = viewerId !== null && group.memberIds.includes(viewerId);
  return {
    groupId: group._id,
    dealId: group.dealId,
    productLabel: group.terms.productLabel,
    groupPriceFen: group.terms.groupPriceFen,
    originalPriceFen: group.terms.originalPriceFen,
    status: group.status,
    size: group.size,
    slotsLeft: group.status === 'open' ? group.size - group.members.length : 0,
    members: group.members.map((m) => ({ maskedName: m.maskedName, leader: m.leader, joinedAt: toIso(m.joinedAt) })),
    createdAt: toIso(group.createdAt),
    expiresAt: toIso(group.expiresAt),
    completedAt: group.completedAt ? toIso(group.completedAt) : null,
    joinedByMe,
    myCouponId: joinedByMe && group.status === 'succeeded' && viewerId ? couponIds.groupbuy(group._id, viewerId) : null,
    paidMembers: group.members.filter(isPaid).length,
    myPayment: joinedByMe ? myPayment : null,
  };
}
