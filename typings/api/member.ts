import type { LedgerEntryView, MemberCard, ProfileView } from '../domain';
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

export interface MemberExport {
  exportedAt: string;
  member: Record<string, unknown>;
  ledger: LedgerEntryView[];
  orders: Array<{ orderNo: string; amountFen: number; refundedFen: number; createdAt: string; storeId: string }>;
  tierHistory: Array<{ from: string | null; to: string; reason: string; at: string }>;
}
