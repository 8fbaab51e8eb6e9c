import { z } from 'zod';
import { ADMIN_ROLES, type WhoAmI } from '../../typings/api/console';
import { main as campaignMain } from '../campaign';
import { main as couponMain } from '../coupon';
import { main as groupbuyMain } from '../groupbuy';
import { main as jobsMain } from '../jobs';
import { main as referralMain } from '../referral';
import { listAdmins, upsertAdmin } from '../shared/domain/admins/accounts';
import { decideApproval, listApprovals } from '../shared/domain/approvals/approvals';
import { listAudit } from '../shared/domain/audit/query';
import { setMemberTags } from '../shared/domain/campaigns/tags';
import { isValidCardNo } from '../shared/domain/members/card-number';
import { eraseMemberOnRequest, exportMemberOnRequest, getMember, revealMemberPhone, searchMembers } from '../shared/domain/members/administration';
import { applyApprovedAdjustment } from '../shared/domain/points/adjustment';
import { overrideTier } from '../shared/domain/tiers/override';
import { listStores, resolveFlag } from '../shared/domain/till/staff-admin';
import { adminActionsFor } from '../shared/platform/action-catalog';
import { admin, adminPrincipal } from '../shared/platform/guards';
import { action, type CloudFunction } from '../shared/platform/handler';
import { identityOf } from '../shared/platform/principal';
import { EVERY_ROLE, FOLLOW_UP, OPERATORS, OWNERS, SUPPORT } from '../shared/platform/roles';
import { documentId, empty, mainlandPhone, nickname } from '../shared/platform/schemas';

/**
 * The admin console's actions (docs/console-api.md): who the admin is, console accounts,
 * four-eyes approvals, the audit log, member administration, stores. Each declares its roles.
 */
const reason = z.string().trim().min(2).max(200);
const cursor = z.string().min(1).max(4000);
const limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
const isoTime = z.iso.datetime({ offset: true });
const uid = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a CloudBase account uid');
const tags = z.array(z.string().trim().min(1).max(32)).max(20);

/** What an approval of each kind does when approved. */
const APPLIERS = { 'points.adjust': applyApprovedAdjustment } as const;

/** `self` is the admin function's own main, read when whoami runs (it is being defined when this table is). */
export function consoleActions(self: () => CloudFunction) {
  return {
    whoami: action({
      input: empty,
      guard: admin,
      roles: EVERY_ROLE,
      run: async (_input, call, actor): Promise<WhoAmI> => {
        const principal = await adminPrincipal(call);
        const role = principal?.role ?? identityOf(actor).role;
        const { uid: id } = identityOf(actor);
        const functions = [self(), campaignMain, couponMain, groupbuyMain, jobsMain, referralMain];
        return { actor, uid: role === 'system' ? null : id, name: principal?.name ?? actor, role, actions: adminActionsFor(role, functions) };
      },
    }),
    listAdmins: action({ input: empty, guard: admin, roles: OWNERS, run: () => listAdmins() }),
    upsertAdmin: action({
      input: z.strictObject({ uid, username: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'use 1-64 letters, digits, . _ @ or -'), name: z.string().trim().min(1).max(32), role: z.enum(ADMIN_ROLES), active: z.boolean().optional() }),
      guard: admin,
      roles: OWNERS,
      run: (input, call, actor) => upsertAdmin(input, actor, call.now),
    }),
    listApprovals: action({
      input: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).optional(), limit: limit(100, 20), cursor: cursor.optional() }),
      guard: admin,
      roles: EVERY_ROLE,
      run: (input) => listApprovals(input),
    }),
    decideApproval: action({
      input: z.strictObject({ approvalId: documentId, decision: z.enum(['approve', 'reject']), note: z.string().trim().max(200).optional() }),
      guard: admin,
      roles: OPERATORS,
      run: (input, call, actor) => decideApproval(input, APPLIERS, actor, call.now),
    }),
    listAudit: action({
      input: z.strictObject({
        actor: z.string().min(1).max(128).optional(),
        auditAction: z.string().regex(/^[A-Za-z.]{1,64}$/).optional(),
        memberId: documentId.optional(),
        from: isoTime.optional(),
        to: isoTime.optional(),
        limit: limit(100, 50),
        cursor: cursor.optional(),
      }),
      guard: admin,
      roles: EVERY_ROLE,
      run: (input) => listAudit({ ...input, from: input.from ? new Date(input.from) : undefined, to: input.to ? new Date(input.to) : undefined }),
    }),
    searchMembers: action({
      input: z.union([
        z.strictObject({ cardNo: z.string().refine(isValidCardNo, 'not a card number') }),
        z.strictObject({ phone: mainlandPhone }),
        z.strictObject({ nickname, limit: z.number().int().min(1).max(50).optional() }),
      ]),
      guard: admin,
      roles: EVERY_ROLE,
      run: (input) => searchMembers(input),
    }),
    getMember: action({
      input: z.strictObject({ memberId: documentId, ledgerCursor: cursor.optional() }),
      guard: admin,
      roles: EVERY_ROLE,
      run: (input, call, actor) => getMember(input, actor, call.now),
    }),
    revealPhone: action({ input: z.strictObject({ memberId: documentId }), guard: admin, roles: SUPPORT, run: (input, call, actor) => revealMemberPhone(input.memberId, actor, call.now) }),
    overrideTier: action({
      input: z.strictObject({ memberId: documentId, tier: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/), until: isoTime, reason }),
      guard: admin,
      roles: OPERATORS,
      run: (input, call, actor) => overrideTier({ ...input, until: new Date(input.until) }, actor, call.now),
    }),
    setMemberTags: action({
      input: z.strictObject({ memberId: documentId, tags }),
      guard: admin,
      roles: OPERATORS,
      run: (input, call, actor) => setMemberTags(input.memberId, input.tags, actor, call.now),
    }),
    resolveFlag: action({
      input: z.strictObject({ flagId: z.string().regex(/^[A-Za-z0-9_:.-]{1,128}$/), note: z.string().trim().max(200).optional() }),
      guard: admin,
      roles: FOLLOW_UP,
      run: (input, call, actor) => resolveFlag(input, actor, call.now),
    }),
    exportMember: action({ input: z.strictObject({ memberId: documentId, reason }), guard: admin, roles: SUPPORT, run: (input, call, actor) => exportMemberOnRequest(input, actor, call.now) }),
    eraseMember: action({
      input: z.strictObject({ memberId: documentId, reason, confirm: z.literal('DELETE') }),
      guard: admin,
      roles: SUPPORT,
      run: (input, call, actor) => eraseMemberOnRequest(input, actor, call.now),
    }),
    listStores: action({ input: empty, guard: admin, roles: EVERY_ROLE, run: () => listStores() }),
  };
}
