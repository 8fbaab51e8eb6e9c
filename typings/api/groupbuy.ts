import type { JobReport } from './jobs';

/**
 * Group-buy (拼团): a member starts a group for a deal or joins one from a shared link
 * (`groupId` in the share path). When the group is full it succeeds and every member receives the
 * deal's entitlement coupon; when its time runs out it fails and every hold is released.
 */

export interface GroupDealInput {
  /** 1-20 of a-z, 0-9, _ or -; chosen by the admin (upsert). */
  dealId: string;
  productLabel: string;
  description?: string;
  groupPriceFen: number;
  originalPriceFen: number;
  /** Members needed, leader included (2-20). */
  groupSize: number;
  /** Time a started group has to fill (1-168 hours). */
  fillHours: number;
  /** Groups may be started inside this window. */
  window: { from: string; until: string };
  /** Groups that may be open or succeeded at once; a failed group gives its unit back. */
  groupStock: number;
  /** Coupon template every member of a succeeded group receives (usually hidden). */
  entitlementTemplateId: string;
  active: boolean;
}

export interface GroupDealView {
  dealId: string;
  productLabel: string;
  description: string;
  groupPriceFen: number;
  originalPriceFen: number;
  groupSize: number;
  fillHours: number;
  window: { from: string; until: string };
  groupStock: number;
  groupsLeft: number;
  entitlement: { templateId: string; title: string };
  active: boolean;
  /** Inside the window, active and with groups left: a group may be started now. */
  startable: boolean;
  /** The caller's open or succeeded group of this deal (one per member per deal), if any. */
  myGroupId: string | null;
}

export type GroupStatus = 'open' | 'succeeded' | 'failed';

export interface GroupMemberView {
  /** Nickname masked as at joining (张**); nothing else about the member is shown. */
  maskedName: string;
  leader: boolean;
  joinedAt: string;
}

export interface GroupView {
  groupId: string;
  dealId: string;
  productLabel: string;
  groupPriceFen: number;
  originalPriceFen: number;
  status: GroupStatus;
  size: number;
  slotsLeft: number;
  members: GroupMemberView[];
  createdAt: string;
  /** Deadline for the countdown; an open group past it fails at the next timer run. */
  expiresAt: string;
  completedAt: string | null;
  joinedByMe: boolean;
  /** The caller's entitlement coupon once the group succeeded. */
  myCouponId: string | null;
  /** Seats paid for (the group succeeds when all `size` are). */
  paidMembers: number;
  /** The caller's own payment in this group, when they hold a seat. */
  myPayment: PaymentView | null;
}

/**
 * Money state of a group-buy payment: `unpaid` (seat held until holdUntil) → `paid` → `confirmed`
 * (group filled, order credited) or `refunding` → `refunded` (group failed or seat lapsed);
 * `cancelled`: the seat lapsed unpaid. docs/payments.md.
 */
export type PaymentStatus = 'unpaid' | 'paid' | 'confirmed' | 'refunding' | 'refunded' | 'cancelled';

export interface PaymentView {
  outTradeNo: string;
  amountFen: number;
  status: PaymentStatus;
  /** While unpaid: when the held seat is released. */
  holdUntil: string | null;
}

/** What the mini-program passes to wx.requestPayment (CloudPay.unifiedOrder's `payment`). */
export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

/** Starting or joining a group: the group, the caller's held seat, and the payment to make for it. */
export interface JoinReceipt extends GroupView {
  payment: RequestPaymentParams;
}

export interface AdminPaymentView extends PaymentView {
  groupId: string;
  dealId: string;
  memberId: string;
  transactionId: string | null;
  outRefundNo: string | null;
  orderNo: string | null;
  createdAt: string;
  updatedAt: string;
}

/** WeChat Pay's payment result notification (支付结果回调云函数协议), the fields this product reads. */
export interface PaymentNotice {
  returnCode: string;
  resultCode: string;
  subMchId: string;
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
}

/** WeChat Pay's refund result notification (退款结果通知, req_info fields camelCased). */
export interface RefundNotice {
  returnCode: string;
  subMchId: string;
  outTradeNo: string;
  outRefundNo: string;
  refundFee: number;
  totalFee: number;
  refundStatus: string;
}

/** Answer to a payment notification: the platform retries anything but errcode 0. */
export interface PayNoticeAnswer {
  outTradeNo: string;
  status: PaymentStatus;
}

export interface GroupbuyApi {
  /** Shopper: deals that are active and inside their window. */
  listDeals: { request: Record<string, never>; response: { deals: GroupDealView[] } };
  /** Any WeChat user, member or not: the open deals without anything about the caller (`myGroupId` null). */
  browseDeals: { request: Record<string, never>; response: { deals: GroupDealView[] } };
  /** Shopper: starts a group as its leader. */
  start: { request: { dealId: string }; response: JoinReceipt };
  /** Shopper: joins an open group (from a shared link): a seat held until paid. */
  join: { request: { groupId: string }; response: JoinReceipt };
  /** Shopper: the payment for the caller's held, unpaid seat again. */
  pay: { request: { groupId: string }; response: JoinReceipt };
  /** Shopper: group detail for the share page (members masked, slots left, countdown). */
  group: { request: { groupId: string }; response: GroupView };
  /** Shopper: own groups, newest first. */
  myGroups: { request: Record<string, never>; response: { groups: GroupView[] } };
  /** Admin: creates or replaces a deal (held/succeeded counts are kept). */
  upsertDeal: { request: GroupDealInput; response: { deal: GroupDealView } };
  /** Timer (every minute): fails open groups whose time ran out and releases their holds. */
  expireGroups: { request: Record<string, never>; response: JobReport };
  /** Admin (repair after a crash): the deal's held count back to its open and succeeded groups, once no start can be in flight. */
  reconcileHeld: { request: { dealId: string }; response: HeldRepair };
  /** Admin: payments of a group, or the most recent ones in a money state. */
  payments: { request: { groupId?: string; status?: PaymentStatus }; response: { payments: AdminPaymentView[] } };
  /** WeChat Pay (source wx_paycallback): a payment succeeded. */
  paymentNotice: { request: PaymentNotice; response: PayNoticeAnswer };
  /** WeChat Pay (source wx_paycallback): a refund settled. */
  refundNotice: { request: RefundNotice; response: PayNoticeAnswer };
}

/** The outcome of `reconcileHeld`. */
export interface HeldRepair {
  dealId: string;
  /** groupsHeld before the repair. */
  held: number;
  /** Groups of the deal open or succeeded. */
  groups: number;
  repaired: number;
  settled: boolean;
}
