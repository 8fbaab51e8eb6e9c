import type { GroupDealView, GroupView } from '../../../../typings/api/groupbuy';
import type { GroupDealDoc, GroupDoc } from '../../data/documents';
import { couponIds } from '../coupons/ids';
import { toIso } from '../time/calendar';
import { groupsLeft } from './rules';

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

export function groupView(group: GroupDoc, viewerId: string | null): GroupView {
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
  };
}
