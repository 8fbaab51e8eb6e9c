import type { LedgerEntryView, MemberCard, ProfileView, TierCode, TierView } from '../domain';
import type { CouponView } from './coupon';
import type { GroupView } from './groupbuy';
import type { ReferralAttribution } from './referral';

export interface MemberApi {
  /** Idempotent: the first call creates the member, later calls return the same card. */
  register: {
    request: { consentVersion: string; nickname?: string; birthday?: string; inviteCode?: string };
    /** `referral` is present when an invite code was given or a touched invite link is on record. */
    response: { created: boolean; card: MemberCard; referral?: ReferralAttribution; welcome?: WelcomeGrant };
  };
  /**
   * The phone from WeChat's phone sheet: the page sends only the `code` of
   * `<button open-type="getPhoneNumber">`; the function exchanges it (phonenumber.getPhoneNumber).
   */
  bindPhone: { request: { code: string }; response: ProfileView };
  /** Any WeChat user: every tier's benefits side by side; for a member also progress and retention. */
  benefits: { request: Record<string, never>; response: BenefitsView };
  /** Admin: the welcome pack new members get once per WeChat identity. */
  getWelcomePack: { request: Record<string, never>; response: WelcomePackSettings };
  setWelcomePack: { request: WelcomePackSettings; response: WelcomePackSettings };
  card: { request: Record<string, never>; response: MemberCard };
  updateProfile: {
    /** `phone: null` removes the number; a number comes only through bindPhone. */
    request: { nickname?: string; birthday?: string | null; phone?: null; consentVersion?: string };
    response: ProfileView;
  };
  /** A fresh dynamic member code for the QR on the card. */
  code: { request: Record<string, never>; response: { code: string; expiresAt: string; ttlSeconds: number; confirmCode: string } };
  exportData: { request: Record<string, never>; response: MemberExport };
  deleteAccount: { request: { confirm: 'DELETE' }; response: { deleted: true } };
}

/** A stored record in the export: field names as stored, every timestamp an ISO 8601 string with the business offset (+08:00). */
export type ExportRecord = Record<string, unknown>;

/**
 * Everything the product holds about the member (PIPL data portability). One time format
 * throughout: ISO 8601 in the business timezone, `2026-05-01T10:00:00+08:00` (`timeZone`).
 * Which collection lands in which section: EXPORT_COVERAGE in cloudfunctions/shared/domain/members/export.ts.
 */
export interface MemberExport {
  exportedAt: string;
  timeZone: string;
  member: Record<string, unknown>;
  /** The keyed digest of the openid that links the WeChat identity to the member. */
  identities: ExportRecord[];
  ledger: LedgerEntryView[];
  orders: Array<{ orderNo: string; amountFen: number; refundedFen: number; createdAt: string; storeId: string; refunds: ExportRecord[] }>;
  tierHistory: Array<{ from: string | null; to: string; reason: string; at: string }>;
  coupons: CouponView[];
  couponClaims: ExportRecord[];
  couponOrders: ExportRecord[];
  groupBuys: GroupView[];
  groupBuyHolds: ExportRecord[];
  /** Group-buy payments and their money state (unpaid, paid, confirmed, refunding, refunded, cancelled). */
  groupBuyPayments: ExportRecord[];
  referrals: {
    inviteCodes: ExportRecord[];
    /** The invite link this WeChat user opened first, and when others opened the member's own link. */
    touches: ExportRecord[];
    asInvitee: ExportRecord[];
    asInviter: ExportRecord[];
    inviterTotals: ExportRecord[];
  };
  campaigns: { grants: ExportRecord[]; frequency: ExportRecord[] };
  /** Till visits: sessions opened by scanning the member code, and the codes used. */
  visits: { tillSessions: ExportRecord[]; codeScans: ExportRecord[] };
  /** Feedback the member filed and their NPS answers (feedback function). */
  feedback: { items: ExportRecord[]; nps: ExportRecord[] };
  /** Audit records about the member (what was done to the account, by which kind of actor, at which store). */
  audit: ExportRecord[];
  /** Notifications the member was due (inbox, delivery outcome) and their subscription preferences. */
  notifications: { inbox: ExportRecord[]; preferences: ExportRecord[] };
}

/** Granted on joining, once per WeChat identity (an erased and re-registered identity gets none). */
export interface WelcomePackSettings {
  /** Points available at once (0 = none). */
  points: number;
  /** Coupon templates issued one each (may be hidden templates; template stock is not used). */
  couponTemplateIds: string[];
}

export interface WelcomeGrant {
  points: number;
  coupons: Array<{ couponId: string; title: string }>;
}

/** The tier page: the ladder for anyone, and the member's own standing when the caller has a card. */
export interface BenefitsView {
  tiers: Array<TierView & { threshold: number }>;
  /** Rolling growth counts over this many months (the window that decides tiers). */
  growthWindowMonths: number;
  member: MemberStanding | null;
}

export interface MemberStanding {
  tier: TierCode;
  growth: number;
  nextTier: { code: TierCode; name: string; threshold: number; missing: number } | null;
  /** What keeping the current tier takes; null on the lowest tier (nothing to lose). */
  retention: TierRetention | null;
}

export interface TierRetention {
  /** The next review that could lower the tier (after any protection). */
  reviewAt: string;
  protectedUntil: string | null;
  /** Growth still counting on the review date (months leaving the window by then are excluded). */
  growthCountingAtReview: number;
  /** Growth needed by `reviewAt` to keep the tier (0 = already safe for that review). */
  neededToKeep: number;
  /** The tier the member drops to at that review if `neededToKeep` is not earned. */
  dropsTo: { code: TierCode; name: string };
}
