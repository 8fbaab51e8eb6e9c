import type { GroupDealDoc, GroupDoc } from '../../data/documents';
import { AppError } from '../../platform/app-error';
import { keyId } from '../../platform/ids';

/** Pure group-buy rules; services call them inside their transactions with what they read. */

export function groupsLeft(deal: GroupDealDoc): number {
  return Math.max(0, deal.groupStock - deal.groupsHeld);
}

/** A group may be started while the deal is active, inside its window and has stock. */
export function assertStartable(deal: GroupDealDoc, now: Date): void {
  if (!deal.active || now < deal.windowFrom || now >= deal.windowUntil) throw new AppError('GROUPBUY_CLOSED', '拼团活动未开始或已结束');
  if (groupsLeft(deal) === 0) throw new AppError('GROUPBUY_SOLD_OUT', '拼团名额已满');
}

/**
 * A member may join while the group is open, before its deadline (the deal's window may have
 * ended: a started group keeps its countdown) and with a free slot. A group that filled answers
 * GROUP_FULL, one that failed or ran out of time GROUP_CLOSED.
 */
export function assertJoinable(group: GroupDoc, now: Date): void {
  if (group.status === 'succeeded' || group.members.length >= group.size) throw new AppError('GROUP_FULL', '该团已满员');
  if (group.status === 'failed' || group.expiresAt <= now) throw new AppError('GROUP_CLOSED', '该团已结束');
}

/** An open group past its deadline: the timer fails it and releases its holds. */
export function isOverdue(group: GroupDoc, now: Date): boolean {
  return group.status === 'open' && group.expiresAt <= now;
}

export function membershipId(dealId: string, memberId: string): string {
  return keyId('hold', dealId, memberId);
}
