import { groupResultEvent } from '../notifications/events';
import { notifyInTransaction } from '../notifications/notice';
import type { GroupView } from '../../../../typings/api/groupbuy';
import { COLLECTIONS } from '../../data/collections';
import type { GroupDealDoc, GroupDoc, GroupMembershipDoc, MemberCouponDoc } from '../../data/documents';
import { find, getById } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { newId } from '../../platform/ids';
import { couponIds } from '../coupons/ids';
import { issueCoupon } from '../coupons/issue';
import { requireTemplate } from '../coupons/templates';
import { findMemberByOpenid, requireMemberByOpenid } from '../members/directory';
import { maskName } from '../members/personal-data';
import { assertJoinable, assertStartable, membershipId } from './rules';
import { returnGroup, takeGroup } from './stock';
import { groupView } from './views';

const HOURS = 3600_000;

/**
 * Starts a group with the caller as leader. Checks run on plain reads, then one conditional atomic
 * update takes a unit of the deal's stock (stock.ts: the deal document, where concurrent starters
 * meet, is never written in a transaction), and one transaction creates the group and the member's
 * hold on the deal, whose fixed id makes "one group per member per deal" a fact of the data. If
 * that transaction fails the unit is given back.
 */
export async function startGroup(openid: string, dealId: string, now: Date): Promise<GroupView> {
  const member = await requireMemberByOpenid(openid);
  const holdId = membershipId(dealId, member._id);
  const [deal, held] = await Promise.all([getById<GroupDealDoc>(COLLECTIONS.groupDeals, dealId), getById<GroupMembershipDoc>(COLLECTIONS.groupMemberships, holdId)]);
  if (!deal) throw new AppError('GROUPBUY_NOT_FOUND', '拼团活动不存在');
  if (held) throw alreadyInGroup(held);
  assertStartable(deal, now);
  await takeGroup(deal, now);
  const doc: GroupDoc = {
    _id: newId(),
    dealId,
    terms: { productLabel: deal.productLabel, groupPriceFen: deal.groupPriceFen, originalPriceFen: deal.originalPriceFen, entitlementTemplateId: deal.entitlementTemplateId },
    leaderId: member._id,
    size: deal.groupSize,
    members: [{ memberId: member._id, maskedName: maskName(member.nickname), leader: true, joinedAt: now }],
    memberIds: [member._id],
    status: 'open',
    createdAt: now,
    expiresAt: new Date(now.getTime() + deal.fillHours * HOURS),
    completedAt: null,
  };
  try {
    await inTransaction(async (tx) => {
      const hold = await tx.get<GroupMembershipDoc>(COLLECTIONS.groupMemberships, holdId);
      if (hold) throw alreadyInGroup(hold);
      await Promise.all([
        tx.create(COLLECTIONS.groups, doc),
        tx.create<GroupMembershipDoc>(COLLECTIONS.groupMemberships, { _id: holdId, dealId, memberId: member._id, groupId: doc._id, joinedAt: now }),
      ]);
    });
  } catch (error) {
    // A refusal or exhausted retries rolled back; a commit whose answer was lost may have created the group.
    if (error instanceof AppError || (await getById<GroupDoc>(COLLECTIONS.groups, doc._id).catch(() => null)) === null) await returnGroup(dealId);
    throw error;
  }
  return groupView(doc, member._id);
}

function alreadyInGroup(hold: GroupMembershipDoc): AppError {
  return new AppError('ALREADY_IN_GROUP', '您已参加过该拼团活动', { groupId: hold.groupId });
}

/**
 * Joins an open group. The group document is read and written first in one transaction, so
 * concurrent joiners of the last slot conflict there and all but one retry into GROUP_FULL. The
 * member's hold on the deal (fixed id) refuses a second group or a second join; the leader already
 * holds it, so they cannot fill their own group. The joiner who fills the group makes it succeed
 * and issues every member's entitlement coupon in the same transaction.
 */
export async function joinGroup(openid: string, groupId: string, now: Date): Promise<GroupView> {
  const member = await requireMemberByOpenid(openid);
  const known = await getById<GroupDoc>(COLLECTIONS.groups, groupId);
  if (!known) throw new AppError('GROUPBUY_NOT_FOUND', '该团不存在');
  // The entitlement's terms are read outside the transaction: they are a snapshot, and reading
  // the template inside would make every join conflict with every claim of that template.
  const template = await requireTemplate(known.terms.entitlementTemplateId);
  const holdId = membershipId(known.dealId, member._id);
  const group = await inTransaction(async (tx) => {
    const [current, hold] = await Promise.all([tx.get<GroupDoc>(COLLECTIONS.groups, groupId), tx.get<GroupMembershipDoc>(COLLECTIONS.groupMemberships, holdId)]);
    if (!current) throw new AppError('GROUPBUY_NOT_FOUND', '该团不存在');
    if (hold) throw new AppError('ALREADY_IN_GROUP', hold.groupId === groupId ? '您已在该团中' : '您已参加过该拼团活动', { groupId: hold.groupId });
    assertJoinable(current, now);
    const members = [...current.members, { memberId: member._id, maskedName: maskName(member.nickname), leader: false, joinedAt: now }];
    const full = members.length === current.size;
    const next: GroupDoc = { ...current, members, memberIds: members.map((m) => m.memberId), status: full ? 'succeeded' : 'open', completedAt: full ? now : null };
    await tx.put(COLLECTIONS.groups, next);
    const coupons: MemberCouponDoc[] = full ? members.map((m) => issueCoupon(template, m.memberId, couponIds.groupbuy(groupId, m.memberId), 'groupbuy', groupId, now)) : [];
    await Promise.all([
      tx.create<GroupMembershipDoc>(COLLECTIONS.groupMemberships, { _id: holdId, dealId: current.dealId, memberId: member._id, groupId, joinedAt: now }),
      ...coupons.map((coupon) => tx.create(COLLECTIONS.memberCoupons, coupon)),
      ...(full ? members.map((m) => notifyInTransaction(tx, groupResultEvent('groupSucceeded', groupId, m.memberId, current.terms.productLabel, now), now)) : []),
    ]);
    return next;
  });
  return groupView(group, member._id);
}

/** Group detail for the share page; any WeChat user may look (members are masked), members see their coupon. */
export async function groupDetail(openid: string, groupId: string): Promise<GroupView> {
  const group = await getById<GroupDoc>(COLLECTIONS.groups, groupId);
  if (!group) throw new AppError('GROUPBUY_NOT_FOUND', '该团不存在');
  const viewer = await findMemberByOpenid(openid);
  return groupView(group, viewer?._id ?? null);
}

export async function myGroups(openid: string): Promise<{ groups: GroupView[] }> {
  const member = await requireMemberByOpenid(openid);
  const groups = await find<GroupDoc>(COLLECTIONS.groups, { memberIds: member._id }, { orderBy: [['createdAt', 'desc']], limit: 50 });
  return { groups: groups.map((g) => groupView(g, member._id)) };
}
