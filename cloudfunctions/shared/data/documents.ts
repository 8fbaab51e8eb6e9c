/**
 * Typed documents over the SDK's untyped results. `_id` is CloudBase's primary key.
 * Dates are stored as BSON dates; money is integer fen; points are integers.
 */
import type { PurchaseReceipt, RefundReceipt, StaffLimits, StaffRole } from '../../../typings/api';
import type { TierCode } from '../../../typings/domain';

export interface PointLot {
  id: string;
  /** 'pending' lots are inside the return window and cannot be spent yet. */
  state: 'pending' | 'open';
  earnedAt: Date;
  availableAt: Date;
  expiresAt: Date;
  original: number;
  remaining: number;
  orderNo: string | null;
}

export interface MemberDoc {
  _id: string;
  openid: string | null;
  cardNo: string;
  status: 'active' | 'deleted';
  nickname: string;
  birthday: string | null;
  /** MM of the birthday, kept beside it so the birthday job can find a month's members by index. */
  birthMonth?: string | null;
  /** Year the tier birthday gift was last granted (one gift per member per year). */
  birthdayGiftYear?: number | null;
  phone: { hash: string; cipher: string; masked: string } | null;
  consent: { version: string; at: Date };
  joinedAt: Date;
  deletedAt: Date | null;
  tier: TierCode;
  tierSince: Date;
  tierProtectedUntil: Date | null;
  /** When the periodic review next looks at this member; null at the lowest tier (nothing to lower). */
  tierReviewAt: Date | null;
  /** Qualifying growth by calendar month (YYYY-MM, Asia/Shanghai); the rolling window sums 12 of them. */
  growthByMonth: Record<string, number>;
  growth: number;
  points: { balance: number; available: number; pending: number; debt: number };
  /** Open and pending lots; emptied lots are dropped (the ledger keeps their history). */
  lots: PointLot[];
  nextExpiryAt: Date | null;
  nextSettleAt: Date | null;
  stats: { orders: number; spentFen: number; lastPurchaseAt: Date | null };
  updatedAt: Date;
}

export interface MemberIdentityDoc {
  _id: string;
  memberId: string;
}

export interface LedgerDoc {
  _id: string;
  memberId: string;
  type: 'earn' | 'redeem' | 'expire' | 'refund_reversal' | 'adjust';
  delta: number;
  debtDelta: number;
  balanceAfter: number;
  orderNo: string | null;
  reason: string | null;
  actor: string;
  /** Lots this entry created or drew from, with amounts. */
  lots: Array<{ lotId: string; amount: number }>;
  createdAt: Date;
}

export interface OrderDoc {
  _id: string;
  orderNo: string;
  memberId: string;
  storeId: string;
  staffId: string;
  amountFen: number;
  refundedFen: number;
  pointsEarned: number;
  pointsReversed: number;
  growthAdded: number;
  growthReversed: number;
  growthMonth: string;
  lotId: string | null;
  debtRepaid: number;
  refunds: Array<{ refundNo: string; staffId: string; at: Date; receipt: RefundReceipt }>;
  /** The first answer, returned again to retries of the same order. */
  receipt: PurchaseReceipt;
  createdAt: Date;
}

export interface TierHistoryDoc {
  _id: string;
  memberId: string;
  from: TierCode | null;
  to: TierCode;
  reason: 'join' | 'upgrade' | 'downgrade' | 'admin';
  growth: number;
  at: Date;
}

export interface StoreDoc {
  _id: string;
  name: string;
  updatedAt: Date;
}

export interface StaffDoc {
  _id: string;
  openid: string;
  name: string;
  storeId: string;
  role: StaffRole;
  active: boolean;
  limits: Partial<StaffLimits>;
  updatedAt: Date;
}

export interface StaffDailyDoc {
  _id: string;
  staffId: string;
  day: string;
  purchaseFen: number;
  pointsAdjusted: number;
  couponsRedeemed: number;
}

export interface TillSessionDoc {
  _id: string;
  staffId: string;
  storeId: string;
  memberId: string;
  expiresAt: Date;
  createdAt: Date;
}

export interface UsedCodeDoc {
  _id: string;
  memberId: string;
  staffId: string;
  usedAt: Date;
}

export interface ScanFailureDoc {
  _id: string;
  staffId: string;
  windowStart: Date;
  count: number;
}

export interface AuditDoc {
  _id?: string;
  actor: { kind: 'staff' | 'admin' | 'system'; id: string };
  storeId: string | null;
  memberId: string | null;
  action: string;
  outcome: 'ok' | 'refused';
  detail: Record<string, unknown>;
  at: Date;
}

export interface FlagDoc {
  _id?: string;
  kind: 'staff_limit' | 'scan_abuse' | 'reconcile';
  staffId: string;
  detail: string;
  at: Date;
  resolved: boolean;
}

export interface JobStateDoc {
  _id: string;
  runId: string;
  cursor: string;
  startedAt: Date;
  finishedAt: Date | null;
  scanned: number;
  discrepancies: number;
}

export interface SettingsDoc<T> {
  _id: string;
  value: T;
  updatedAt: Date;
}
