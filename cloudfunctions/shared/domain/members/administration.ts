import type { MemberDetail, MemberLedgerRow, MemberRow, MemberSearchRequest } from '../../../../typings/api/console';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { AuditDoc, FlagDoc, LedgerDoc, MemberCouponDoc, MemberDoc, OrderDoc, TierHistoryDoc } from '../../data/documents';
import { count, find, findOne, getById, insert } from '../../data/store';
import { pageByTime } from '../../data/time-page';
import { AppError } from '../../platform/app-error';
import { approvalView } from '../approvals/approvals';
import type { ApprovalDoc } from '../../data/documents';
import { adminAudit, recordAudit } from '../audit/audit';
import { auditView } from '../audit/query';
import { referralOf } from '../referrals/attribution';
import { toIso } from '../time/calendar';
import { overrideActive } from '../tiers/override';
import { exportData } from './export';
import { phoneHash, revealPhone as decryptPhone } from './personal-data';
import { deleteAccount } from './privacy';

/**
 * Member administration for the console: find a member, read the member page, reveal the phone.
 * Rows and the profile are masked (phone as stored masked); the full phone is a separate,
 * audited action. Every lookup is one index read:
 * - card number: exact, `cardNo_unique`;
 * - phone: exact, through the keyed hash (`phone.hash`, index phoneHash) of the normalised number;
 * - nickname: prefix, as the range [prefix, prefix + U+FFFF) on `nickname` (index nickname), since
 *   CloudBase has no full-text index; case-sensitive, as stored.
 */
const NICKNAME_LIMIT = 20;
const PAGE = 20;

export function memberRow(member: MemberDoc): MemberRow {
  return {
    memberId: member._id,
    cardNo: member.cardNo,
    nickname: member.nickname,
    phoneMasked: member.phone?.masked ?? null,
    tier: member.tier,
    status: member.status,
    pointsBalance: member.points.balance,
    joinedAt: toIso(member.joinedAt),
  };
}

/**
 * The first string after every string that starts with `prefix`: the prefix with its last code
 * unit raised by one ('会员10' → '会员11'), so [prefix, end) is exactly the strings with that
 * prefix. Not `prefix + '\uffff'`: a bound at or above U+D800 is compared differently by UTF-8
 * and UTF-16 orderings, so the emulator's index cannot serve it (docs/emulator-database.md) and
 * scanned every nickname after the prefix (about the whole base at 100,000 members). Falls back
 * to that bound only when the last code unit is itself in that zone.
 */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (prefix.length === 0 || last >= 0xd7ff) return `${prefix}\uffff`;
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

export async function searchMembers(input: MemberSearchRequest): Promise<{ members: MemberRow[] }> {
  if ('cardNo' in input) {
    const member = await findOne<MemberDoc>(COLLECTIONS.members, { cardNo: input.cardNo });
    return { members: member ? [memberRow(member)] : [] };
  }
  if ('phone' in input) {
    const members = await find<MemberDoc>(COLLECTIONS.members, { 'phone.hash': phoneHash(input.phone) }, { limit: 10 });
    return { members: members.map(memberRow) };
  }
  const _ = command();
  const members = await find<MemberDoc>(COLLECTIONS.members, { nickname: _.gte(input.nickname).and(_.lt(prefixEnd(input.nickname))) }, { orderBy: [['nickname', 'asc']], limit: input.limit ?? NICKNAME_LIMIT });
  return { members: members.map(memberRow) };
}

async function requireMember(memberId: string): Promise<MemberDoc> {
  const member = await getById<MemberDoc>(COLLECTIONS.members, memberId);
  if (!member) throw new AppError('MEMBER_NOT_FOUND');
  return member;
}

function ledgerRow(doc: LedgerDoc): MemberLedgerRow {
  return { id: doc._id, type: doc.type, delta: doc.delta, balanceAfter: doc.balanceAfter, orderNo: doc.orderNo, reason: doc.reason, actor: doc.actor, createdAt: toIso(doc.createdAt) };
}

/** The member page in one call: every part is one indexed read of at most a page. Audited as a read of personal data. */
export async function getMember(input: { memberId: string; ledgerCursor?: string }, actor: string, now: Date): Promise<MemberDetail> {
  const member = await requireMember(input.memberId);
  const byMember = { memberId: member._id };
  const [history, ledger, coupons, orders, invitedBy, invited, flags, audit, approvals] = await Promise.all([
    find<TierHistoryDoc>(COLLECTIONS.tierHistory, byMember, { orderBy: [['at', 'desc']], limit: PAGE }),
    pageByTime<LedgerDoc, MemberLedgerRow>(COLLECTIONS.ledger, byMember, 'createdAt', {}, PAGE, input.ledgerCursor, ledgerRow),
    find<MemberCouponDoc>(COLLECTIONS.memberCoupons, byMember, { orderBy: [['expiresAt', 'desc']], limit: PAGE }),
    find<OrderDoc>(COLLECTIONS.orders, byMember, { orderBy: [['createdAt', 'desc']], limit: PAGE }),
    referralOf(member._id),
    count(COLLECTIONS.referrals, { inviterId: member._id }),
    find<FlagDoc & { _id: string }>(COLLECTIONS.flags, byMember, { orderBy: [['at', 'desc']], limit: PAGE }),
    find<AuditDoc>(COLLECTIONS.audit, byMember, { orderBy: [['at', 'desc']], limit: PAGE }),
    find<ApprovalDoc>(COLLECTIONS.approvals, { ...byMember, status: 'pending' }, { orderBy: [['requestedAt', 'desc']], limit: PAGE }),
  ]);
  await recordAudit(adminAudit(actor, 'admin.getMember', {}, now, { memberId: member._id }));
  const override = member.tierOverride && overrideActive(member, now) ? member.tierOverride : null;
  return {
    profile: { ...memberRow(member), birthday: member.birthday, tags: member.tags ?? [], consentVersion: member.consent.version },
    tier: {
      code: member.tier,
      since: toIso(member.tierSince),
      protectedUntil: member.tierProtectedUntil ? toIso(member.tierProtectedUntil) : null,
      reviewAt: member.tierReviewAt ? toIso(member.tierReviewAt) : null,
      growth: member.growth,
      override: override ? { tier: override.tier, until: toIso(override.until), by: override.by } : null,
      history: history.map((h) => ({ from: h.from, to: h.to, reason: h.reason, at: toIso(h.at) })),
    },
    points: { ...member.points, nextExpiryAt: member.nextExpiryAt ? toIso(member.nextExpiryAt) : null },
    ledger,
    coupons: coupons.map((c) => ({ id: c._id, templateId: c.templateId, status: c.status === 'usable' && c.expiresAt <= now ? 'expired' : c.status, claimedAt: toIso(c.claimedAt), expiresAt: toIso(c.expiresAt) })),
    orders: orders.map((o) => ({ orderNo: o.orderNo, storeId: o.storeId, amountFen: o.amountFen, refundedFen: o.refundedFen, pointsEarned: o.pointsEarned, createdAt: toIso(o.createdAt) })),
    referrals: { invitedBy: invitedBy?.inviterId ?? null, invited },
    segment: member.segment ? { ...member.segment, computedAt: toIso(member.segment.computedAt) } : null,
    flags: flags.map((f) => ({ id: f._id, kind: f.kind, detail: f.detail, at: toIso(f.at), resolved: f.resolved })),
    audit: audit.map(auditView),
    pendingApprovals: approvals.map(approvalView),
  };
}

/** The full phone, for serving a member's request; every reveal is its own audit record. */
export async function revealMemberPhone(memberId: string, actor: string, now: Date): Promise<{ memberId: string; phone: string | null }> {
  const member = await requireMember(memberId);
  // Written before answering and not swallowed: no audit record, no phone.
  await insert<AuditDoc>(COLLECTIONS.audit, adminAudit(actor, 'admin.revealPhone', { hadPhone: member.phone !== null }, now, { memberId }));
  return { memberId, phone: member.phone ? decryptPhone(member.phone.cipher) : null };
}

/** A member's data export done by support on the member's request (PIPL access right), audited with who asked. */
export async function exportMemberOnRequest(input: { memberId: string; reason: string }, actor: string, now: Date): Promise<Record<string, unknown>> {
  const member = await requireMember(input.memberId);
  if (member.status !== 'active' || !member.openid) throw new AppError('MEMBER_DELETED');
  const data = await exportData(member.openid, now);
  await insert<AuditDoc>(COLLECTIONS.audit, adminAudit(actor, 'admin.exportMember', { reason: input.reason }, now, { memberId: member._id }));
  return data as unknown as Record<string, unknown>;
}

/** Erasure on the member's request: the same erasure the shopper's own deleteAccount performs. */
export async function eraseMemberOnRequest(input: { memberId: string; reason: string }, actor: string, now: Date): Promise<{ deleted: true }> {
  const member = await requireMember(input.memberId);
  if (member.status !== 'active' || !member.openid) throw new AppError('MEMBER_DELETED');
  await deleteAccount(member.openid, now);
  await recordAudit(adminAudit(actor, 'admin.eraseMember', { reason: input.reason }, now, { memberId: member._id }));
  return { deleted: true };
}
