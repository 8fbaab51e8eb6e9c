import type { TierDefinition } from '../domain';
import type { ConsoleAdminApi, PendingAdjustment } from './console';
import type { StaffRole } from './staff';

export interface LoyaltySettings {
  /** Points per yuan before multipliers. */
  pointsPerYuan: number;
  /** What one point is worth to the brand, in fen: the dashboard's points liability in yuan. */
  pointValueFen: number;
  /** Growth value per yuan of qualifying spend. */
  growthPerYuan: number;
  /** Days earned points stay pending (0 = immediately available). */
  pendingDays: number;
  /** Lots expire at the end of the Nth calendar month after the month they were earned in. */
  expiryMonths: number;
  /** Months a newly reached tier is protected from downgrade. */
  tierProtectionMonths: number;
  /** Lifetime of a member code in seconds. */
  memberCodeTtlSeconds: number;
  /** Days ahead the card warns about expiring points. */
  expiringSoonDays: number;
  privacyPolicyVersion: string;
  /** Manual point adjustments by a console admin above this many points (either sign) need a second admin's approval. */
  pointsApprovalThreshold: number;
}

export interface StaffLimits {
  purchaseFenPerDay: number;
  pointsAdjustedPerDay: number;
  couponsRedeemedPerDay: number;
  /** Refunded order amounts per staff member per day (fen). */
  refundFenPerDay: number;
}

export interface ReconcileReport {
  scanned: number;
  discrepancies: Array<{ memberId: string; problem: string; expected: number; actual: number }>;
  /** Members that kept changing while being checked (a burst at the till); the next run checks them. */
  unverified: string[];
  nextCursor: string | null;
  done: boolean;
}

export interface AdminApi extends ConsoleAdminApi {
  /** Creates every collection (idempotent); run once per environment. */
  setup: { request: Record<string, never>; response: { created: string[]; existing: string[] } };
  setAdmins: { request: { openids: string[] }; response: { openids: string[] } };
  getSettings: { request: Record<string, never>; response: { settings: LoyaltySettings; tiers: TierDefinition[]; staffLimits: StaffLimits } };
  updateSettings: { request: { settings?: Partial<LoyaltySettings>; staffLimits?: Partial<StaffLimits> }; response: { settings: LoyaltySettings; staffLimits: StaffLimits } };
  setTiers: { request: { tiers: TierDefinition[] }; response: { tiers: TierDefinition[] } };
  upsertStore: { request: { storeId: string; name: string }; response: { storeId: string } };
  upsertStaff: {
    request: { openid: string; name: string; storeId: string; role: StaffRole; active?: boolean; limits?: Partial<StaffLimits> };
    response: { staffId: string };
  };
  adjustPoints: {
    request: { memberId: string; delta: number; reason: string; key: string };
    response: { memberId: string; delta: number; balance: number } | PendingAdjustment;
  };
  reconcile: { request: { cursor?: string; batchSize?: number; maxMembers?: number }; response: ReconcileReport };
  listFlags: { request: { limit?: number }; response: { flags: Array<{ id: string; kind: string; staffId: string; detail: string; at: string }> } };
}
