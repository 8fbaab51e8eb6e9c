import type { GroupDealView, GroupStatus, GroupView } from '../../typings/api';
import type { PaymentStatus } from '../../typings/api/groupbuy';
import { formatFen } from './money';

export const GROUP_STATUS_LABELS: Record<GroupStatus, string> = { open: '拼团中', succeeded: '拼团成功', failed: '拼团失败' };

/** The member's money state in a group, as they read it. */
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  unpaid: '待支付',
  paid: '已支付，待成团',
  confirmed: '已支付，订单已确认',
  refunding: '退款中',
  refunded: '已退款',
  cancelled: '未支付，席位已释放',
};

/** One deal of the list (and the deal detail). */
export interface DealRow {
  id: string;
  title: string;
  description: string;
  price: string;
  original: string;
  size: string;
  left: string;
  entitlement: string;
  startable: boolean;
  myGroupId: string;
}

export function dealRow(deal: GroupDealView): DealRow {
  return {
    id: deal.dealId,
    title: deal.productLabel,
    description: deal.description,
    price: `¥${formatFen(deal.groupPriceFen)}`,
    original: `¥${formatFen(deal.originalPriceFen)}`,
    size: `${deal.groupSize} 人团 · ${deal.fillHours} 小时内成团`,
    left: deal.groupsLeft > 0 ? `剩余 ${deal.groupsLeft} 个团` : '已抢光',
    entitlement: `成团后每人获得「${deal.entitlement.title}」`,
    startable: deal.startable,
    myGroupId: deal.myGroupId ?? '',
  };
}

/** The group detail, without the countdown (that one ticks on its own). */
export interface GroupDetail {
  id: string;
  title: string;
  price: string;
  original: string;
  status: GroupStatus;
  statusLabel: string;
  slotsText: string;
  members: Array<{ name: string; leader: boolean }>;
  /** Empty seats to draw ("?" avatars). */
  emptySeats: number[];
  joinedByMe: boolean;
  canJoin: boolean;
  canShare: boolean;
  expiresAt: string;
  hasCoupon: boolean;
  /** The member's own payment state ('' when they hold no seat). */
  paymentText: string;
  /** An unpaid seat still held: the member may pay for it. */
  canPay: boolean;
}

export function groupDetail(group: GroupView): GroupDetail {
  const open = group.status === 'open';
  return {
    id: group.groupId,
    title: group.productLabel,
    price: `¥${formatFen(group.groupPriceFen)}`,
    original: `¥${formatFen(group.originalPriceFen)}`,
    status: group.status,
    statusLabel: GROUP_STATUS_LABELS[group.status],
    slotsText: open ? `还差 ${group.slotsLeft} 人成团` : GROUP_STATUS_LABELS[group.status],
    members: group.members.map((m) => ({ name: m.maskedName, leader: m.leader })),
    emptySeats: Array.from({ length: open ? group.slotsLeft : 0 }, (_, i) => i),
    joinedByMe: group.joinedByMe,
    canJoin: open && !group.joinedByMe && group.slotsLeft > 0,
    canShare: open && group.joinedByMe,
    expiresAt: group.expiresAt,
    hasCoupon: group.myCouponId !== null,
    paymentText: group.myPayment ? PAYMENT_STATUS_LABELS[group.myPayment.status] : '',
    canPay: open && group.myPayment?.status === 'unpaid',
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "剩余 01:02:03" until `expiresAt`, "已结束" after. */
export function countdownText(expiresAt: string, now: number): string {
  const left = Math.floor((Date.parse(expiresAt) - now) / 1000);
  if (!(left > 0)) return '已结束';
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  return `剩余 ${pad(h)}:${pad(m)}:${pad(left % 60)}`;
}

/** The share path that opens a group (the share itself earns nothing: WeChat forbids it). */
export function groupSharePath(groupId: string): string {
  return `/pages/groupbuy/index?groupId=${encodeURIComponent(groupId)}`;
}
