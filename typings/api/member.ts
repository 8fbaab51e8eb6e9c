import type { LedgerEntryView, MemberCard, ProfileView } from '../domain';
import type { CouponView } from './coupon';
import type { GroupView } from './groupbuy';
import type { ReferralAttribution } from './referral';

export interface MemberApi {
  /** Idempotent: the first call creates the member, later calls return the same card. */
  register: {
    request: { consentVersion: string; nickname?: string; birthday?: string; inviteCode?: string };
    /** `referral` is present when an invite code was given or a touched invite link is on record. */
    response: { created: boolean; card: MemberCard; referral?: ReferralAttribution };
  };
  card: { request: Record<string, never>; response: MemberCard };
  updateProfile: {
    request: { nickname?: string; birthday?: string | null; phone?: string | null; consentVersion?: string };
    response: ProfileView;
  };
  /** A fresh dynamic member code for the QR on the card. */
  code: { request: Record<string, never>; response: { code: string; expiresAt: string; ttlSeconds: number } };
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
  /** Audit records about the member (what was done to the account, by which kind of actor, at which store). */
  audit: ExportRecord[];
}
