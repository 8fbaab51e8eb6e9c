import type { LifecycleStage } from './campaign';

/**
 * The admin console's side of the `admin` function: who an admin is, four-eyes approvals, the
 * audit log and member administration. docs/console-api.md describes every action.
 */

/** Roles of a console account (`admins` collection). `system` is the deployment itself: timer, own functions, console with the admin key. */
export const ADMIN_ROLES = ['owner', 'operator', 'support', 'analyst'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];
export type ActorRole = AdminRole | 'system';

export interface WhoAmI {
  /** The audit actor string of this caller ("console:<uid>", "admin:<openid>", "admin-key:<source>", ...). */
  actor: string;
  /** CloudBase account uid (console accounts), the openid (listed admin openids), null for the system. */
  uid: string | null;
  name: string;
  role: ActorRole;
  /** Every admin action this caller may call, as "function.action", so the console hides the rest. */
  actions: string[];
}

export interface AdminAccount {
  uid: string;
  username: string;
  name: string;
  role: AdminRole;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UpsertAdminRequest {
  uid: string;
  username: string;
  name: string;
  role: AdminRole;
  active?: boolean;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected';
/** What an approval gates; the payload's shape depends on it. */
export type ApprovalKind = 'points.adjust';

export interface ApprovalActor {
  actor: string;
  uid: string | null;
  role: ActorRole;
}

export interface ApprovalView {
  id: string;
  kind: ApprovalKind;
  status: ApprovalStatus;
  /** points.adjust: { memberId, delta, reason, key }. */
  payload: Record<string, unknown>;
  memberId: string | null;
  requestedBy: ApprovalActor;
  requestedAt: string;
  decidedBy: ApprovalActor | null;
  decidedAt: string | null;
  note: string | null;
  /** What applying it answered (points.adjust: { memberId, delta, balance }). */
  result: Record<string, unknown> | null;
}

/** admin.adjustPoints when the amount needs a second admin: nothing applied yet. */
export interface PendingAdjustment {
  pending: true;
  approvalId: string;
  memberId: string;
  requested: number;
  threshold: number;
}

export interface AuditView {
  id: string;
  action: string;
  outcome: 'ok' | 'refused';
  actor: { kind: string; id: string; uid: string | null; role: ActorRole | null };
  memberId: string | null;
  storeId: string | null;
  detail: Record<string, unknown>;
  at: string;
}

export interface ListAuditRequest {
  /** An actor's uid (console account uid, admin openid, or a system actor string). */
  actor?: string;
  /** The audited action, e.g. "admin.adjustPoints" (not `action`: that key of the event names the function's action). */
  auditAction?: string;
  memberId?: string;
  /** ISO date-times, from inclusive, to exclusive. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** One row of a member search: nothing that identifies the person in full. */
export interface MemberRow {
  memberId: string;
  cardNo: string;
  nickname: string;
  /** e.g. "139****1111", or null without a phone. */
  phoneMasked: string | null;
  tier: string;
  status: 'active' | 'deleted';
  pointsBalance: number;
  joinedAt: string;
}

export type MemberSearchRequest = { cardNo: string } | { phone: string } | { nickname: string; limit?: number };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface MemberLedgerRow {
  id: string;
  type: string;
  delta: number;
  balanceAfter: number;
  orderNo: string | null;
  reason: string | null;
  actor: string;
  createdAt: string;
}

export interface MemberDetail {
  profile: MemberRow & { birthday: string | null; tags: string[]; consentVersion: string };
  tier: {
    code: string;
    since: string;
    protectedUntil: string | null;
    reviewAt: string | null;
    growth: number;
    override: { tier: string; until: string; by: string } | null;
    history: Array<{ from: string | null; to: string; reason: string; at: string }>;
  };
  points: { balance: number; available: number; pending: number; debt: number; nextExpiryAt: string | null };
  ledger: Page<MemberLedgerRow>;
  coupons: Array<{ id: string; templateId: string; status: string; claimedAt: string; expiresAt: string }>;
  orders: Array<{ orderNo: string; storeId: string; amountFen: number; refundedFen: number; pointsEarned: number; createdAt: string }>;
  referrals: { invitedBy: string | null; invited: number };
  segment: { r: number; f: number; m: number; stage: LifecycleStage; computedAt: string } | null;
  flags: Array<{ id: string; kind: string; detail: string; at: string; resolved: boolean }>;
  audit: AuditView[];
  pendingApprovals: ApprovalView[];
}

export interface StoreView {
  storeId: string;
  name: string;
  staff: Array<{ staffId: string; name: string; role: string; active: boolean }>;
}

/** Actions of the `admin` function the console calls, beside the older ones in ./admin.ts. */
export interface ConsoleAdminApi {
  whoami: { request: Record<string, never>; response: WhoAmI };
  listAdmins: { request: Record<string, never>; response: { admins: AdminAccount[] } };
  upsertAdmin: { request: UpsertAdminRequest; response: { admin: AdminAccount } };
  listApprovals: { request: { status?: ApprovalStatus; limit?: number; cursor?: string }; response: Page<ApprovalView> };
  decideApproval: { request: { approvalId: string; decision: 'approve' | 'reject'; note?: string }; response: { approval: ApprovalView } };
  listAudit: { request: ListAuditRequest; response: Page<AuditView> };
  searchMembers: { request: MemberSearchRequest; response: { members: MemberRow[] } };
  getMember: { request: { memberId: string; ledgerCursor?: string }; response: MemberDetail };
  revealPhone: { request: { memberId: string }; response: { memberId: string; phone: string | null } };
  overrideTier: { request: { memberId: string; tier: string; until: string; reason: string }; response: { memberId: string; tier: string; until: string } };
  setMemberTags: { request: { memberId: string; tags: string[] }; response: { memberId: string; tags: string[] } };
  resolveFlag: { request: { flagId: string; note?: string }; response: { flagId: string; resolved: true } };
  exportMember: { request: { memberId: string; reason: string }; response: Record<string, unknown> };
  eraseMember: { request: { memberId: string; reason: string; confirm: 'DELETE' }; response: { deleted: true } };
  listStores: { request: Record<string, never>; response: { stores: StoreView[] } };
}
