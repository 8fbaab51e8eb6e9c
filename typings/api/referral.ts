/**
 * Referrals: each member has an invite code; a brand-new member who registers through it is
 * attributed to the inviter (first touch, within a window). Rewards follow the invitee's first
 * qualifying purchase at the till, never the share itself (WeChat forbids rewarding sharing).
 */

export interface ReferralSettings {
  enabled: boolean;
  /** Days from the first touch of an invite link within which registering still attributes. */
  attributionWindowDays: number;
  /** A purchase of at least this amount (fen) is qualifying. */
  qualifyingMinFen: number;
  inviteePoints: number;
  inviterPoints: number;
  /** Coupon templates granted on conversion (null = none). */
  inviteeCouponTemplateId: string | null;
  inviterCouponTemplateId: string | null;
  /** Conversions per inviter per calendar month that earn the inviter a reward; the invitee is rewarded regardless. */
  inviterMonthlyCap: number;
}

/** Why an invite did not (or would not) attribute. */
/**
 * ALREADY_INVITED: another invite link was opened first (first touch wins). Cycles cannot arise: only brand-new members are attributed.
 * RETURNING_MEMBER: this WeChat user erased an earlier membership; a returning user is not a new invitee.
 */
export type ReferralRefusal = 'DISABLED' | 'UNKNOWN_CODE' | 'SELF_REFERRAL' | 'ALREADY_MEMBER' | 'ALREADY_INVITED' | 'WINDOW_PASSED' | 'INVITER_INACTIVE' | 'RETURNING_MEMBER';

/** Result of an invite code given at registration. */
export interface ReferralAttribution {
  attributed: boolean;
  reason: ReferralRefusal | null;
}

/** clawed_back: the converting order was refunded within the return window; the rewards were taken back. */
export type ReferralStatus = 'attributed' | 'converted' | 'clawed_back';

export interface ReferralSummary {
  inviteCode: string;
  invited: number;
  converted: number;
  /** Points the inviter earned from conversions. */
  rewardPoints: number;
  /** Coupons the inviter earned from conversions. */
  rewardCoupons: number;
  /** Conversions this month that earned the inviter a reward, and the cap. */
  rewardedThisMonth: number;
  monthlyCap: number;
  recent: Array<{ maskedName: string; status: ReferralStatus; invitedAt: string; convertedAt: string | null; inviterRewarded: boolean }>;
}

export interface ReferralApi {
  /** Member: the caller's invite code (created on first call) and what a friend's first purchase earns. */
  myInvite: {
    request: Record<string, never>;
    response: { inviteCode: string; inviteePoints: number; inviterPoints: number; qualifyingMinFen: number };
  };
  /**
   * Any WeChat user opening an invite link (before registering): records the first touch and
   * shows who invited them. REFERRAL_INVALID for an unknown code.
   */
  touch: { request: { inviteCode: string }; response: { inviterName: string; attributable: boolean; reason: ReferralRefusal | null } };
  /** Member: invited / converted / rewards earned. */
  summary: { request: Record<string, never>; response: ReferralSummary };
  /** Admin. */
  getSettings: { request: Record<string, never>; response: ReferralSettings };
  updateSettings: { request: Partial<ReferralSettings>; response: ReferralSettings };
}
