import type { LoyaltySettings, StaffLimits } from '../../../../typings/api';

/** Documented defaults (docs/loyalty-rules.md); admins override them with admin.updateSettings. */
export const DEFAULT_SETTINGS: LoyaltySettings = {
  pointsPerYuan: 1,
  pointValueFen: 1,
  growthPerYuan: 1,
  pendingDays: 7,
  expiryMonths: 12,
  tierProtectionMonths: 12,
  memberCodeTtlSeconds: 60,
  expiringSoonDays: 30,
  privacyPolicyVersion: '2026-11',
  pointsApprovalThreshold: 1000,
};

export const DEFAULT_STAFF_LIMITS: StaffLimits = {
  purchaseFenPerDay: 50_000_000,
  pointsAdjustedPerDay: 0,
  couponsRedeemedPerDay: 500,
  refundFenPerDay: 5_000_000,
};

/** After a downgrade the next review waits this long, so a member falls at most one tier per period. */
export const TIER_REVIEW_INTERVAL_DAYS = 30;

/** A till session opened by a scan lasts this long. */
export const TILL_SESSION_MINUTES = 10;

/** Failed scans allowed per staff member within the window before scans are refused. */
export const SCAN_FAILURE_LIMIT = 5;
export const SCAN_FAILURE_WINDOW_MINUTES = 10;
