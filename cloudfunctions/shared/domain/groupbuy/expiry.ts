import { auditInTransaction } from '../audit/audit';
import type { JobReport } from '../../../../typings/api/jobs';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { GroupDealDoc, GroupDoc } from '../../data/documents';
import { find, type Where } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { isOverdue, membershipId } from './rules';
import { groupResultEvent } from '../notifications/events';
import { notifyInTransaction } from '../notifications/notice';
import { refundNo } from './seats';
import { settleGroup, settleOutstanding } from './settlement';

const PAGE = 100;

/**
 * Fails one overdue group and releases every hold in one transaction: the group (written first,
 * so a last-second join and the timer cannot both win), each member's hold on the deal (they may
 * start or join another group) and the deal's unit of stock. No entitlement was issued: coupons
 * are only created by the join that fills a group. Re-checks inside, so a retried run is harmless.
 */
async function failGroup(groupId: string, now: Date): Promise<boolean> {
  return inTransaction(async (tx) => {
    const group = await tx.get<GroupDoc>(COLLECTIONS.groups, groupId);
    if (!group || !isOverdue(group, now)) return false;
    const deal = await tx.get<GroupDealDoc>(COLLECTIONS.groupDeals, group.dealId);
    await tx.put<GroupDoc>(COLLECTIONS.groups, { ...group, status: 'failed', completedAt: now });
    await Promise.all([
      ...(deal ? [tx.patch(COLLECTIONS.groupDeals, deal._id, { groupsHeld: Math.max(0, deal.groupsHeld - 1) })] : []),
      ...group.memberIds.map((memberId) => tx.remove(COLLECTIONS.groupMemberships, membershipId(group.dealId, memberId))),
      ...group.memberIds.map((memberId) => notifyInTransaction(tx, groupResultEvent('groupFailed', groupId, memberId, group.terms.productLabel, now), now)),
      // Paid seats are refunded (settlement.ts asks WeChat Pay after this commits); unpaid ones are cancelled.
      ...group.members.flatMap((m) => (m.seat ? [tx.patch(COLLECTIONS.groupPayments, m.seat.outTradeNo, m.seat.paid ? { status: 'refunding', outRefundNo: refundNo(m.seat.outTradeNo), updatedAt: now } : { status: 'cancelled', updatedAt: now })] : [])),
      auditInTransaction(tx, {
        actor: { kind: 'system', id: 'groupbuy.expireGroups' },
        storeId: null,
        memberId: group.leaderId,
        action: 'groupbuy.failGroup',
        outcome: 'ok',
        detail: { groupId, dealId: group.dealId, members: group.members.length, size: group.size },
        at: now,
      }),
    ]);
    return true;
  });
}

/** Timer job: pages through open groups past their deadline until none are left or time runs short. */
export async function expireGroups(now: Date, timeLeftMs: () => number): Promise<JobReport> {
  const _ = command();
  let scanned = 0;
  let changed = 0;
  for (;;) {
    if (timeLeftMs() <= 0) return { job: 'expireGroups', scanned, changed, partial: true };
    const due = await find<GroupDoc>(COLLECTIONS.groups, { status: 'open', expiresAt: _.lte(now) } as Where, { orderBy: [['expiresAt', 'asc']], limit: PAGE });
    for (const group of due) {
      scanned += 1;
      if (await failGroup(group._id, now)) {
        changed += 1;
        await settleGroup(group._id, now);
      }
      if (timeLeftMs() <= 0) return { job: 'expireGroups', scanned, changed, partial: true };
    }
    if (due.length < PAGE) {
      // Then what a crash or a failed WeChat Pay call left: confirmations and refunds still owed.
      const owed = await settleOutstanding(now, timeLeftMs);
      return { job: 'expireGroups', scanned: scanned + owed.scanned, changed: changed + owed.changed, partial: owed.partial };
    }
  }
}
