import type { GroupView, JoinReceipt, PaymentView } from '../../../../typings/api/groupbuy';
import { COLLECTIONS } from '../../data/collections';
import type { GroupDealDoc, GroupDoc, GroupMembershipDoc, GroupPaymentDoc, GroupSeat } from '../../data/documents';
import { find, getById } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { payConfig, unifiedOrder, type PaymentParams } from '../../platform/cloud-pay';
import { newId } from '../../platform/ids';
import { findMemberByOpenid, requireMemberByOpenid } from '../members/directory';
import { maskName } from '../members/personal-data';
import { assertJoinable, assertStartable, membershipId } from './rules';
import { returnGroup, takeGroup } from './stock';
import { isHeld, newPayment, newSeat, PAY_CALLBACK_FUNCTION } from './seats';
import { groupView, paymentView, seatPayment } from './views';

const HOURS = 3600_000;

/**
 * Starts a group with the caller as leader. Checks run on plain reads, then one conditional atomic
 * update takes a unit of the deal's stock (stock.ts: the deal document, where concurrent starters
 * meet, is never written in a transaction), and one transaction creates the group and the member's
 * hold on the deal, whose fixed id makes "one group per member per deal" a fact of the data. If
 * that transaction fails the unit is given back.
 */
export async function startGroup(openid: string, dealId: string, now: Date): Promise<JoinReceipt> {
  const member = await requireMemberByOpenid(openid);
  const holdId = membershipId(dealId, member._id);
  const [deal, held] = await Promise.all([getById<GroupDealDoc>(COLLECTIONS.groupDeals, dealId), getById<GroupMembershipDoc>(COLLECTIONS.groupMemberships, holdId)]);
  if (!deal) throw new AppError('GROUPBUY_NOT_FOUND', '拼团活动不存在');
  if (held) throw alreadyInGroup(held);
  assertStartable(deal, now);
  const { subMchId } = payConfig();
  await takeGroup(deal, now);
  const groupId = newId();
  const seat = newSeat(groupId, member._id, now);
  const doc: GroupDoc = {
    _id: groupId,
    dealId,
    terms: { productLabel: deal.productLabel, groupPriceFen: deal.groupPriceFen, originalPriceFen: deal.originalPriceFen, entitlementTemplateId: deal.entitlementTemplateId },
    leaderId: member._id,
    size: deal.groupSize,
    members: [{ memberId: member._id, maskedName: maskName(member.nickname), leader: true, joinedAt: now, seat }],
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
        tx.create(COLLECTIONS.groupPayments, newPayment(doc, member._id, seat, subMchId, now)),
      ]);
    });
  } catch (error) {
    // A refusal or exhausted retries rolled back; a commit whose answer was lost may have created the group.
    if (error instanceof AppError || (await getById<GroupDoc>(COLLECTIONS.groups, doc._id).catch(() => null)) === null) await returnGroup(dealId);
    throw error;
  }
  return { ...groupView(doc, member._id, seatPayment(seat, doc.terms.groupPriceFen)), payment: await requestPayment(doc, seat) };
}

function alreadyInGroup(hold: GroupMembershipDoc): AppError {
  return new AppError('ALREADY_IN_GROUP', '您已参加过该拼团活动', { groupId: hold.groupId });
}

/**
 * Joins an open group. The group document is read and written first in one transaction, so
 * concurrent joiners of the last slot conflict there and all but one retry into GROUP_FULL. The
 * member's hold on the deal (fixed id) refuses a second group or a second join; the leader already
 * holds it, so they cannot fill their own group. The seat is held unpaid (seats.ts) and a payment
 * is requested; the group succeeds when the last seat's payment arrives (settlement.ts).
 */
export async function joinGroup(openid: string, groupId: string, now: Date): Promise<JoinReceipt> {
  const member = await requireMemberByOpenid(openid);
  const { subMchId } = payConfig();
  const known = await getById<GroupDoc>(COLLECTIONS.groups, groupId);
  if (!known) throw new AppError('GROUPBUY_NOT_FOUND', '该团不存在');
  const holdId = membershipId(known.dealId, member._id);
  const group = await inTransaction(async (tx) => {
    const [current, hold] = await Promise.all([tx.get<GroupDoc>(COLLECTIONS.groups, groupId), tx.get<GroupMembershipDoc>(COLLECTIONS.groupMemberships, holdId)]);
    if (!current) throw new AppError('GROUPBUY_NOT_FOUND', '该团不存在');
    if (hold) throw new AppError('ALREADY_IN_GROUP', hold.groupId === groupId ? '您已在该团中' : '您已参加过该拼团活动', { groupId: hold.groupId });
    // Seats whose hold ran out unpaid make room: their holds go, their payments are cancelled
    // (a payment that still arrives for one is refunded: settlement.ts).
    const lapsed = current.members.filter((m) => !isHeld(m, now));
    const kept = current.members.filter((m) => isHeld(m, now));
    assertJoinable({ ...current, members: kept }, now);
    const seat = newSeat(groupId, member._id, now);
    const members = [...kept, { memberId: member._id, maskedName: maskName(member.nickname), leader: false, joinedAt: now, seat }];
    const next: GroupDoc = { ...current, members, memberIds: members.map((m) => m.memberId) };
    await tx.put(COLLECTIONS.groups, next);
    await Promise.all([
      tx.create<GroupMembershipDoc>(COLLECTIONS.groupMemberships, { _id: holdId, dealId: current.dealId, memberId: member._id, groupId, joinedAt: now }),
      tx.create(COLLECTIONS.groupPayments, newPayment(next, member._id, seat, subMchId, now)),
      ...lapsed.map((m) => tx.remove(COLLECTIONS.groupMemberships, membershipId(current.dealId, m.memberId))),
      ...lapsed.flatMap((m) => (m.seat ? [tx.patch(COLLECTIONS.groupPayments, m.seat.outTradeNo, { status: 'cancelled', updatedAt: now })] : [])),
    ]);
    return { group: next, seat };
  });
  return { ...groupView(group.group, member._id, seatPayment(group.seat, group.group.terms.groupPriceFen)), payment: await requestPayment(group.group, group.seat) };
}

/**
 * The caller's unpaid seat again (the payment sheet was closed or unifiedOrder failed): the same
 * outTradeNo, so WeChat Pay keeps one order per seat.
 */
export async function payAgain(openid: string, groupId: string, now: Date): Promise<JoinReceipt> {
  const member = await requireMemberByOpenid(openid);
  const group = await getById<GroupDoc>(COLLECTIONS.groups, groupId);
  const mine = group?.members.find((m) => m.memberId === member._id);
  if (!group || !mine?.seat) throw new AppError('GROUPBUY_NOT_FOUND', '您不在该团中');
  if (mine.seat.paid) throw new AppError('PAYMENT_SETTLED', '该席位已支付');
  if (group.status !== 'open' || !isHeld(mine, now)) throw new AppError('GROUP_CLOSED', '席位保留已过期，请重新参团');
  return { ...groupView(group, member._id, seatPayment(mine.seat, group.terms.groupPriceFen)), payment: await requestPayment(group, mine.seat) };
}

async function requestPayment(group: GroupDoc, seat: GroupSeat): Promise<PaymentParams> {
  return unifiedOrder({ body: `拼团-${group.terms.productLabel}`, outTradeNo: seat.outTradeNo, totalFee: group.terms.groupPriceFen, functionName: PAY_CALLBACK_FUNCTION });
}

/** Group detail for the share page; any WeChat user may look (members are masked), members see their coupon. */
export async function groupDetail(openid: string, groupId: string): Promise<GroupView> {
  const group = await getById<GroupDoc>(COLLECTIONS.groups, groupId);
  if (!group) throw new AppError('GROUPBUY_NOT_FOUND', '该团不存在');
  const viewer = await findMemberByOpenid(openid);
  return groupView(group, viewer?._id ?? null, viewer ? await myPayment(group, viewer._id) : null);
}

/** The viewer's money state in this group (from their payment record), if they hold a seat. */
async function myPayment(group: GroupDoc, memberId: string): Promise<PaymentView | null> {
  const seat = group.members.find((m) => m.memberId === memberId)?.seat;
  if (!seat) return null;
  const payment = await getById<GroupPaymentDoc>(COLLECTIONS.groupPayments, seat.outTradeNo);
  return payment ? paymentView(payment) : seatPayment(seat, group.terms.groupPriceFen);
}

export async function myGroups(openid: string): Promise<{ groups: GroupView[] }> {
  const member = await requireMemberByOpenid(openid);
  const groups = await find<GroupDoc>(COLLECTIONS.groups, { memberIds: member._id }, { orderBy: [['createdAt', 'desc']], limit: 50 });
  return { groups: await Promise.all(groups.map(async (g) => groupView(g, member._id, await myPayment(g, member._id)))) };
}
