/**
 * Typed documents over the SDK's untyped results. `_id` is CloudBase's primary key.
 * Dates are stored as BSON dates; money is integer fen; points are integers.
 */
import type { ApprovalState, CampaignBudget, CampaignReward, CampaignStatus, CampaignVariant, FeedbackCategory, FeedbackStatus, FrequencyCap, LifecycleStage, PurchaseReceipt, RefundReceipt, RunStatus, SkipCounts, StaffLimits, StaffRole } from '../../../typings/api';
import type { AudienceRule } from '../../../typings/api/campaign';
import type { DeliveryState, NotificationType, SubscriptionKind } from '../../../typings/api/notify';
import type { OrderLine } from '../../../typings/api/orders';
import type { CouponBenefit, CouponRedemptionReceipt, CouponSource } from '../../../typings/api/coupon';
import type { ActorRole, AdminRole, ApprovalKind, ApprovalStatus } from '../../../typings/api/console';
import type { PaymentStatus } from '../../../typings/api/groupbuy';
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
  /** When the birthday was last set or changed: it may change once per 12 months (members/birthday.ts). */
  birthdayChangedAt?: Date | null;
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
  /** RFM scores and lifecycle stage from the last segment recompute (campaign function timer). */
  segment?: MemberSegment;
  /** Admin-assigned labels that campaign audiences can target. */
  tags?: string[];
  /** An admin's tier override (admin.overrideTier): the tier holds until `until`, then evaluation resumes. */
  tierOverride?: { tier: TierCode; until: Date; by: string; reason: string } | null;
  /** Lower-cased nickname, for the console's prefix search (docs/console-api.md). */
  nicknameKey?: string;
  /** Points multipliers granted by campaigns; the till applies those active at the purchase. */
  campaignMultipliers?: CampaignMultiplier[];
}

export interface MemberSegment {
  r: number;
  f: number;
  m: number;
  stage: LifecycleStage;
  computedAt: Date;
}

export interface CampaignMultiplier {
  campaignId: string;
  runId: string;
  permille: number;
  from: Date;
  until: Date;
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
  /** Adjustments: the delta asked for (delta may be less: a credit repays debt first), so a reused key is told apart from a retry. */
  requested?: number;
  createdAt: Date;
}

export interface OrderDoc {
  /** keyId('order', channel, orderNo): domain/orders/keys.ts. */
  _id: string;
  orderNo: string;
  /** Order-number namespace; absent on orders recorded before channels existed (the till's: `store`). */
  channel?: string;
  /** Line items as the source sent them (integrations only). */
  lines?: OrderLine[];
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
  /** storeId: where the refund was recorded (a manager may refund another store's order). */
  refunds: Array<{ refundNo: string; staffId: string; storeId?: string; at: Date; receipt: RefundReceipt }>;
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
  /** Absent on usage documents written before refunds were limited. */
  refundFen?: number;
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
  /** `caller`: someone refused before any role was established (see platform/refusal-audit.ts). */
  /** Admin actors also carry the account uid (or openid, or the system actor string) and role they acted with. */
  actor: { kind: 'staff' | 'admin' | 'system' | 'caller' | 'integration'; id: string; uid?: string; role?: ActorRole };
  storeId: string | null;
  memberId: string | null;
  action: string;
  outcome: 'ok' | 'refused';
  detail: Record<string, unknown>;
  at: Date;
}

export interface FlagDoc {
  _id?: string;
  kind: 'staff_limit' | 'scan_abuse' | 'reconcile' | 'self_service';
  staffId: string;
  /** The member the flag is about, where there is one (the console's member page lists them). */
  memberId?: string | null;
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

export interface ApprovalRecord {
  state: ApprovalState;
  submittedBy: string | null;
  submittedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
}

export interface CampaignDoc {
  _id: string;
  name: string;
  description: string;
  audience: AudienceRule;
  reward: CampaignReward;
  /** A/B reward variants (campaigns/variants.ts); absent or fewer than two: everyone gets `reward`. */
  variants?: CampaignVariant[];
  budget: CampaignBudget;
  frequency: FrequencyCap;
  startAt: Date;
  endAt: Date;
  holdoutPercent: number;
  status: CampaignStatus;
  /** Four-eyes review (campaigns/approval.ts); absent on campaigns stored before it existed: a draft. */
  approval?: ApprovalRecord;
  /** Lifetime budget use, changed only inside grant transactions. */
  spent: { grants: number; points: number };
  /** The unfinished real run, so a second trigger continues it instead of starting another. */
  activeRunId: string | null;
  runs: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One walk over the member base for a campaign: the checkpoint a later invocation resumes from. */
export interface CampaignRunDoc {
  _id: string;
  campaignId: string;
  dryRun: boolean;
  status: RunStatus;
  /** Last member id handled ('' before the first). */
  cursor: string;
  /** Only one invocation advances a run at a time: it holds the lease until it checkpoints and lets go. */
  leaseUntil: Date;
  scanned: number;
  eligible: number;
  holdout: number;
  /** Members the audience query selected, counted once for the progress bar (campaigns/runner.ts). */
  audienceTotal?: number;
  estimatedPoints: number;
  byTier: Record<string, number>;
  byStage: Record<string, number>;
  skipped: SkipCounts;
  startedAt: Date;
  finishedAt: Date | null;
  updatedAt: Date;
}

/**
 * One member's outcome in one run, id keyed by (runId, memberId) (grantIds): created in the grant transaction,
 * so a member can be granted at most once per run whatever crashes or retries happen.
 * Holdout members get an 'holdout' document (no reward) so uplift can be measured.
 */
export interface CampaignGrantDoc {
  _id: string;
  runId: string;
  campaignId: string;
  memberId: string;
  outcome: 'granted' | 'holdout';
  reward: CampaignReward | null;
  /** A/B campaigns: the variant code the member was granted (absent: single reward or holdout). */
  variant?: string;
  points: number;
  at: Date;
}

/** A member's last grant of one campaign (id keyed by (campaignId, memberId)), for frequency caps. */
export interface CampaignCapDoc {
  _id: string;
  campaignId: string;
  memberId: string;
  lastGrantAt: Date;
  grants: number;
}

/** A scheduled job's last run (job_state/timer-<function>-<job>), read by the timer dispatcher. */
export interface TimerJobStateDoc {
  _id: string;
  job: string;
  lastRunAt: Date;
  /** The latest slot with a finished run; null until one finishes. */
  doneSlot: Date | null;
}

/** The segment recompute job's checkpoint (job_state/segments). */
export interface SegmentJobDoc {
  _id: string;
  runId: string;
  cursor: string;
  startedAt: Date;
  finishedAt: Date | null;
  scanned: number;
  /** Quantile cut points fixed at the start of the run, so every page is scored alike. */
  cuts: { r: number[]; f: number[]; m: number[] };
}

// ---- Coupons, group-buy, referrals (issue 4) ----

/** Stored form of CouponValidity: fixed dates as BSON dates. */
export type StoredCouponValidity = { kind: 'fixed'; from: Date; until: Date } | { kind: 'relative'; days: number };

export interface CouponTemplateDoc {
  _id: string;
  title: string;
  description: string;
  benefit: CouponBenefit;
  totalStock: number;
  /**
   * Units taken by shoppers' claims so far: one conditional `_.inc(1)` outside any transaction
   * (domain/coupons/stock.ts), given back if the claim then fails; a crash can leave it above the
   * coupons issued until `reconcileClaimed`, never above totalStock.
   */
  claimed: number;
  /** When a claim last took a unit: the repair waits until no claim can still be in flight. */
  lastTakenAt?: Date;
  /** Units ever taken (never decreases): the repair's write matches it, so a take meanwhile voids it. */
  takes?: number;
  perMemberLimit: number;
  claimFrom: Date;
  claimUntil: Date;
  validity: StoredCouponValidity;
  tiers: TierCode[];
  stackable: boolean;
  pointsPrice: number;
  visibility: 'public' | 'hidden';
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** How many coupons of one template one member claimed (id keyed by (templateId, memberId)): the per-member limit. */
export interface CouponClaimCounterDoc {
  _id: string;
  templateId: string;
  memberId: string;
  count: number;
  /**
   * Claim requests already answered: the client's key, the coupon issued and points spent (at most
   * perMemberLimit entries). A list, not a map keyed by the client's string: a key such as
   * `constructor` or `__proto__` must never meet an object's built-ins.
   */
  requests?: Array<{ key: string; couponId: string; pointsSpent: number }>;
  updatedAt: Date;
}

/** A coupon a member holds; benefit and terms are a snapshot of the template at issue. */
export interface MemberCouponDoc {
  _id: string;
  memberId: string;
  templateId: string;
  title: string;
  description: string;
  benefit: CouponBenefit;
  stackable: boolean;
  source: CouponSource;
  /** Claim number, group id or referral id the coupon came from. */
  sourceRef: string;
  claimedAt: Date;
  validFrom: Date;
  expiresAt: Date;
  /** 'expired' is derived from expiresAt, never stored: no job has to run for a coupon to lapse. */
  status: 'usable' | 'used';
  usedAt: Date | null;
  redemption: { orderNo: string; staffId: string; storeId: string; receipt: CouponRedemptionReceipt } | null;
}

/** Coupons redeemed against one order (id = order number): stacking rules and the payable amount. */
export interface CouponOrderDoc {
  _id: string;
  memberId: string;
  storeId: string;
  staffId: string;
  amountFen: number;
  discountFen: number;
  coupons: Array<{ couponId: string; discountFen: number; stackable: boolean }>;
  createdAt: Date;
  updatedAt: Date;
}

export interface GroupDealDoc {
  _id: string;
  productLabel: string;
  description: string;
  groupPriceFen: number;
  originalPriceFen: number;
  groupSize: number;
  fillHours: number;
  windowFrom: Date;
  windowUntil: Date;
  groupStock: number;
  /**
   * Groups open or succeeded: each holds one unit of stock; a failed group gives it back. Taken by a
   * conditional `_.inc(1)` outside any transaction (data/counted-stock.ts), so a crash can leave it
   * above the groups until `reconcileHeld`, never above groupStock.
   */
  groupsHeld: number;
  /** When a start last took a unit, and units ever taken (see CouponTemplateDoc). */
  lastTakenAt?: Date;
  takes?: number;
  entitlementTemplateId: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface GroupDoc {
  _id: string;
  dealId: string;
  /** The deal's terms when the group started: the group keeps them if the deal is edited later. */
  terms: { productLabel: string; groupPriceFen: number; originalPriceFen: number; entitlementTemplateId: string };
  leaderId: string;
  size: number;
  /** Members in joining order; length never exceeds size (checked and written in one transaction). */
  members: Array<{ memberId: string; maskedName: string; leader: boolean; joinedAt: Date; seat?: GroupSeat }>;
  /** The members' ids, for the "my groups" query. */
  memberIds: string[];
  status: 'open' | 'succeeded' | 'failed';
  createdAt: Date;
  expiresAt: Date;
  completedAt: Date | null;
}

/**
 * A paid seat (group-buy is a purchase): held unpaid until `holdUntil`, then either paid or dropped
 * by the next join. Members without one joined before payments existed and count as paid.
 */
export interface GroupSeat {
  outTradeNo: string;
  paid: boolean;
  holdUntil: Date;
}


/** One member's payment for one group (id = outTradeNo, one per (group, member)). */
export interface GroupPaymentDoc {
  _id: string;
  groupId: string;
  dealId: string;
  memberId: string;
  /** The group price when the seat was taken, in fen; the callback's totalFee must match it. */
  totalFee: number;
  subMchId: string;
  status: PaymentStatus;
  transactionId: string | null;
  /** `R` + outTradeNo: one refund per payment, the same number on every retry. */
  outRefundNo: string | null;
  /** The order credited through the till's purchase path once the group filled. */
  orderNo: string | null;
  createdAt: Date;
  updatedAt: Date;
  paidAt: Date | null;
  confirmedAt: Date | null;
  refundRequestedAt: Date | null;
  refundedAt: Date | null;
}

/** A member's hold on one deal (id keyed by (dealId, memberId)): one open or succeeded group per member per deal. */
export interface GroupMembershipDoc {
  _id: string;
  dealId: string;
  memberId: string;
  groupId: string;
  joinedAt: Date;
}

/** An invite code (id = the code) and its owner. */
export interface ReferralCodeDoc {
  _id: string;
  memberId: string;
  createdAt: Date;
}

/** The first invite link a WeChat user opened (id derived from the openid): first touch wins. */
export interface ReferralTouchDoc {
  _id: string;
  code: string;
  inviterId: string;
  touchedAt: Date;
}

/** One attributed invitee (id = the invitee's member id), so a member is attributed at most once. */
export interface ReferralDoc {
  _id: string;
  inviterId: string;
  inviteeMasked: string;
  code: string;
  status: 'attributed' | 'converted' | 'clawed_back';
  attributedAt: Date;
  convertedAt: Date | null;
  /** When a refund of the converting order inside the return window took the rewards back. */
  clawedBackAt?: Date | null;
  orderNo: string | null;
  inviteePoints: number;
  inviterPoints: number;
  inviteeCouponId: string | null;
  inviterCouponId: string | null;
  /** False when the inviter's monthly cap was reached at conversion. */
  inviterRewarded: boolean;
}

/**
 * What is kept about a WeChat identity after its member erased their account (id: keyed HMAC of
 * the openid or unionid, members/personal-data.ts), for two purposes only: a returning user is not
 * a new invitee, and gets no second birthday gift in a year already gifted. No member id, no
 * personal data.
 */
export interface ErasedIdentityDoc {
  _id: string;
  birthdayGiftYear: number | null;
  updatedAt: Date;
}

/** An inviter's conversion totals and rewarded conversions per month (the monthly cap). */
export interface ReferralInviterDoc {
  _id: string;
  converted: number;
  rewardPoints: number;
  rewardCoupons: number;
  rewardedByMonth: Record<string, number>;
  updatedAt: Date;
}

/** A POS or shop allowed to send order events (domain/orders/integrations.ts). */
export interface IntegrationDoc {
  _id: string;
  name: string;
  channel: string;
  storeIds: string[];
  active: boolean;
  /** AES-256-GCM under MEMBER_DATA_KEY: HMAC verification needs the secret itself. */
  sealedSecret: string;
  createdAt: Date;
  rotatedAt: Date | null;
}

/** A used request nonce of an integration, kept until its timestamp could no longer be accepted. */
export interface IntegrationNonceDoc {
  _id: string;
  expiresAt: Date;
}

/** An order whose customer is not a member (yet): credited when they join within the window. */
export interface UnclaimedOrderDoc {
  _id: string;
  channel: string;
  orderNo: string;
  integrationId: string;
  storeId: string;
  amountFen: number;
  refundedFen: number;
  lines?: OrderLine[];
  refunds: Array<{ refundNo: string; amountFen: number; at: Date }>;
  /** Keyed digest of the customer's openid, unionid or phone (members/personal-data.ts claimKeyDigest). */
  claimKey: string;
  claimUntil: Date;
  /** A historical import's row: credited as history (no points) when claimed. */
  history?: boolean;
  /** Claimed orders are deleted (the order then holds the sale), so every stored one is waiting. */
  status: 'waiting';
  createdAt: Date;
}

/** A historical import's progress: rows are processed in order, `nextRow` is where a retry continues. */
export interface OrderImportDoc {
  _id: string;
  textDigest: string;
  total: number;
  nextRow: number;
  recorded: number;
  unclaimed: number;
  duplicates: number;
  errors: Array<{ row: number; code: string; message: string }>;
  startedAt: Date;
  updatedAt: Date;
}
/** A console account: a CloudBase account uid with a role (docs/authority.md). */
export interface AdminDoc {
  _id: string;
  uid: string;
  username: string;
  name: string;
  role: AdminRole;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface FeedbackDoc {
  _id: string;
  memberId: string;
  category: FeedbackCategory;
  text: string;
  orderNo: string | null;
  status: FeedbackStatus;
  reply: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A request gated by four-eyes (docs/console-api.md): one admin requests, a different one decides. */
export interface ApprovalDoc {
  _id: string;
  kind: ApprovalKind;
  status: ApprovalStatus;
  payload: Record<string, unknown>;
  memberId: string | null;
  requestedBy: { actor: string; uid: string; role: ActorRole };
  requestedAt: Date;
  decidedBy: { actor: string; uid: string; role: ActorRole } | null;
  decidedAt: Date | null;
  note: string | null;
  result: Record<string, unknown> | null;
}

/** One per member and period: a score 0-10, or null when the member dismissed the question. */
export interface NpsResponseDoc {
  _id: string;
  memberId: string;
  period: string;
  score: number | null;
  comment: string | null;
  answeredAt: Date;
}
/**
 * One notification a member was due (id keyed by (type, event key, member): one per event however
 * often it is raised): the inbox entry, and the subscription message's queue item and outcome.
 */
export interface NotificationDoc {
  _id: string;
  memberId: string;
  type: NotificationType;
  kind: SubscriptionKind;
  eventKey: string;
  /** The event's values, by placeholder name, for the template field patterns and the inbox text. */
  values: Record<string, string>;
  title: string;
  body: string;
  page: string;
  createdAt: Date;
  readAt: Date | null;
  delivery: DeliveryState;
  /** While queued: not before this instant (quiet hours, a rate limit); null once final. */
  dueAt: Date | null;
  attempts: number;
  /** While sending: the claiming job's deadline. */
  leaseUntil: Date | null;
  sentAt: Date | null;
  /** WeChat's errcode of the last answer (0 on success), null before any call. */
  errcode: number | null;
  /** First time the member opened the mini-program within 7 days after the send (KPI). */
  openedAt: Date | null;
}

/** A member's subscription state (id = memberId): sends left per kind, opt-outs, recent sends for caps. */
export interface NotifyPrefsDoc {
  _id: string;
  /** Sends left per kind from one-time acceptances (consumed only by a successful send). */
  remaining: Partial<Record<SubscriptionKind, number>>;
  optedOut: SubscriptionKind[];
  /** Messages sent per China day (YYYY-MM-DD), the last 7 days only. */
  sentByDay: Record<string, number>;
  updatedAt: Date;
}

/** A daily reminder walk's checkpoint (job_state/reminders-<job>): the day it serves and how far it got. */
export interface ReminderRunDoc {
  _id: string;
  /** China day (YYYY-MM-DD) this run serves. */
  runId: string;
  /** Last id handled ('' before the first). */
  cursor: string;
  finishedAt: Date | null;
  scanned: number;
  raised: number;
  updatedAt: Date;
}

/**
 * The figures as of the end of one business day (daily_stats/<YYYY-MM-DD>, China time), written
 * by the jobs dispatcher once the day has closed: the dashboard reads "as of `to`" from the last
 * snapshot plus the small changes after it. See docs/console-api-campaigns.md#daily-snapshots.
 */
export interface DailyStatsDoc {
  _id: string;
  day: string;
  /** The last millisecond of the day. */
  end: Date;
  /** Members joined by the end of the day minus those erased by then. */
  members: number;
  /** Members by tier at the end of the day (erased members leave their tier on erasure). */
  tiers: Record<string, number>;
  /** Σ of every ledger entry up to the end of the day: the outstanding points. */
  ledgerTotal: number;
  /** Cumulative totals up to the end of the day: issued (earn + adjust credits), redeemed, expired, reversed. */
  points: { issued: number; redeemed: number; expired: number; reversed: number };
  computedAt: Date;
}
