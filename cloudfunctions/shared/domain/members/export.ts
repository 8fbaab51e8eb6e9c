import type { MemberExport } from '../../../../typings/api';
import { COLLECTIONS, type CollectionName } from '../../data/collections';
import type { AuditDoc, GroupDoc, LedgerDoc, MemberCouponDoc, MemberDoc, OrderDoc, ReferralDoc, TierHistoryDoc } from '../../data/documents';
import { getById, type Where } from '../../data/store';
import { walk } from '../jobs/walk';
import { couponView } from '../coupons/views';
import { groupView } from '../groupbuy/views';
import { ledgerEntryView, pendingLotsAt } from '../points/views';
import { touchIdFor } from '../referrals/attribution';
import { BUSINESS_TZ, toIso } from '../time/calendar';
import { recordAudit } from '../audit/audit';
import { identityIdFor, requireMemberByOpenid } from './directory';
import { revealPhone } from './personal-data';

/** Where each collection's member-linked documents appear in the export (dotted paths), or why it holds none. */
export type ExportCoverage = { sections: string[] } | { notMemberData: string };

/**
 * Every collection, typed over all collection names: adding a collection without deciding its
 * export coverage fails the type check, and test/functions/privacy-export.test.ts checks that
 * every collection holding a document about the member is exported where this table says.
 */
export const EXPORT_COVERAGE: Record<CollectionName, ExportCoverage> = {
  members: { sections: ['member'] },
  member_identities: { sections: ['identities'] },
  card_numbers: { sections: ['member'] },
  points_ledger: { sections: ['ledger'] },
  orders: { sections: ['orders'] },
  tier_history: { sections: ['tierHistory'] },
  stores: { notMemberData: "the brand's stores" },
  staff: { notMemberData: 'employee records of store staff (the employer holds them as staff data, not membership data)' },
  staff_daily: { notMemberData: 'per-staff daily counters' },
  till_sessions: { sections: ['visits.tillSessions'] },
  used_member_codes: { sections: ['visits.codeScans'] },
  scan_failures: { notMemberData: 'per-staff failed-scan counters (no member is identified by a failed scan)' },
  audit_log: { sections: ['audit'] },
  flags: { notMemberData: 'admin alerts about staff behaviour' },
  settings: { notMemberData: 'brand configuration' },
  job_state: { notMemberData: 'job checkpoints' },
  campaigns: { notMemberData: 'campaign definitions' },
  campaign_runs: { notMemberData: 'campaign run checkpoints and totals' },
  campaign_grants: { sections: ['campaigns.grants'] },
  campaign_caps: { sections: ['campaigns.frequency'] },
  coupon_templates: { notMemberData: 'coupon definitions' },
  coupon_claims: { sections: ['couponClaims'] },
  member_coupons: { sections: ['coupons'] },
  coupon_orders: { sections: ['couponOrders'] },
  groupbuy_deals: { notMemberData: 'group-buy deal definitions' },
  groupbuy_groups: { sections: ['groupBuys'] },
  groupbuy_memberships: { sections: ['groupBuyHolds'] },
  groupbuy_payments: { sections: ['groupBuyPayments'] },
  referral_codes: { sections: ['referrals.inviteCodes'] },
  referral_touches: { sections: ['referrals.touches'] },
  referrals: { sections: ['referrals.asInvitee', 'referrals.asInviter'] },
  referral_inviters: { sections: ['referrals.inviterTotals'] },
  integrations: { notMemberData: 'POS and shop integrations of the brand' },
  integration_nonces: { notMemberData: 'used request nonces of integrations' },
  unclaimed_orders: { notMemberData: 'orders of customers who are not members, under keyed digests; deleted when a member claims them (the order is then exported under orders)' },
  order_imports: { notMemberData: 'historical import progress and per-row errors (row numbers and codes only)' },
  admins: { notMemberData: "the brand's console accounts" },
  // An approval's request and decision are each an audit record about the member (admin.requestApproval / decideApproval), exported there.
  approvals: { sections: ['audit'] },
  feedback: { sections: ['feedback.items'] },
  nps_responses: { sections: ['feedback.nps'] },
  notifications: { sections: ['notifications.inbox'] },
  notify_prefs: { sections: ['notifications.preferences'] },
  daily_stats: { notMemberData: 'daily dashboard totals (counts and sums, no member)' },
  erased_identities: { notMemberData: 'keyed digests of erased WeChat identities; never linked to a member (docs/loyalty-rules.md, "Members")' },
};

const PAGE = 500;

/** Every document matching `where`, paged by _id (server reads cap at 1000); an export is never cut short. */
async function all<T extends { _id: string }>(collection: CollectionName, where: Where): Promise<T[]> {
  const out: T[] = [];
  await walk<T>(collection, where, { pageSize: PAGE, timeLeftMs: () => Infinity }, async (page) => void out.push(...page));
  return out;
}

/** A stored document as exported: every Date in the one export format, nothing else changed. */
export function exportRecord(value: unknown): Record<string, unknown> {
  return isoDates(value) as Record<string, unknown>;
}

function isoDates(value: unknown): unknown {
  if (value instanceof Date) return toIso(value);
  if (Array.isArray(value)) return value.map(isoDates);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoDates(v)]));
  return value;
}

/** Audit records say what kind of actor did what, and where; staff ids stay internal. */
function auditRecord(doc: AuditDoc): Record<string, unknown> {
  return exportRecord({ action: doc.action, outcome: doc.outcome, actorKind: doc.actor.kind, storeId: doc.storeId, detail: doc.detail, at: doc.at });
}

/** Everything the product stores about the shopper, in one JSON document (PIPL data portability). */
export async function exportData(openid: string, now: Date): Promise<MemberExport> {
  const member = await requireMemberByOpenid(openid);
  const byMember = { memberId: member._id };
  const pendingLots = pendingLotsAt(member, now);
  const [identity, ledger, orders, tierHistory, coupons, couponClaims, couponOrders, groups, holds, inviteCodes, touches, asInvitee, asInviter, inviterTotals, grants, caps, sessions, codes, audit, feedback, nps] = await Promise.all([
    getById<{ _id: string; memberId: string }>(COLLECTIONS.memberIdentities, identityIdFor(openid)),
    all<LedgerDoc>(COLLECTIONS.ledger, byMember),
    all<OrderDoc>(COLLECTIONS.orders, byMember),
    all<TierHistoryDoc>(COLLECTIONS.tierHistory, byMember),
    all<MemberCouponDoc>(COLLECTIONS.memberCoupons, byMember),
    all<{ _id: string }>(COLLECTIONS.couponClaims, byMember),
    all<{ _id: string }>(COLLECTIONS.couponOrders, byMember),
    all<GroupDoc>(COLLECTIONS.groups, { memberIds: member._id }),
    all<{ _id: string }>(COLLECTIONS.groupMemberships, byMember),
    all<{ _id: string }>(COLLECTIONS.referralCodes, byMember),
    Promise.all([getById<{ _id: string; inviterId: string }>(COLLECTIONS.referralTouches, touchIdFor(openid)), all<{ _id: string }>(COLLECTIONS.referralTouches, { inviterId: member._id })]),
    getById<ReferralDoc>(COLLECTIONS.referrals, member._id),
    all<ReferralDoc>(COLLECTIONS.referrals, { inviterId: member._id }),
    getById<{ _id: string }>(COLLECTIONS.referralInviters, member._id),
    all<{ _id: string }>(COLLECTIONS.campaignGrants, byMember),
    all<{ _id: string }>(COLLECTIONS.campaignCaps, byMember),
    all<{ _id: string }>(COLLECTIONS.tillSessions, byMember),
    all<{ _id: string }>(COLLECTIONS.usedCodes, byMember),
    all<AuditDoc & { _id: string }>(COLLECTIONS.audit, byMember),
    all<{ _id: string }>(COLLECTIONS.feedback, byMember),
    all<{ _id: string }>(COLLECTIONS.npsResponses, byMember),
  ]);
  const [ownTouch, linkTouches] = touches;
  const [notices, notifyPrefs, payments] = await Promise.all([all<{ _id: string }>(COLLECTIONS.notifications, byMember), getById<{ _id: string }>(COLLECTIONS.notifyPrefs, member._id), all<{ _id: string }>(COLLECTIONS.groupPayments, byMember)]);
  await recordAudit({ actor: { kind: 'system', id: `member:${member._id}` }, storeId: null, memberId: member._id, action: 'member.exportData', outcome: 'ok', detail: { ledgerEntries: ledger.length, orders: orders.length }, at: now });
  const { phone, ...rest }: MemberDoc = member;
  return {
    exportedAt: toIso(now),
    timeZone: BUSINESS_TZ,
    member: exportRecord({ ...rest, phone: phone ? revealPhone(phone.cipher) : null }),
    identities: identity ? [exportRecord({ kind: 'openid', ...identity })] : [],
    ledger: ledger.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((doc) => ledgerEntryView(doc, pendingLots)),
    orders: orders.map((o) => ({ orderNo: o.orderNo, amountFen: o.amountFen, refundedFen: o.refundedFen, createdAt: toIso(o.createdAt), storeId: o.storeId, refunds: o.refunds.map((r) => exportRecord({ refundNo: r.refundNo, amountFen: r.receipt.amountFen, pointsReversed: r.receipt.pointsReversed, storeId: r.storeId ?? o.storeId, at: r.at })) })),
    tierHistory: tierHistory.map((h) => ({ from: h.from, to: h.to, reason: h.reason, at: toIso(h.at) })),
    coupons: coupons.map((c) => couponView(c, now)),
    couponClaims: couponClaims.map(exportRecord),
    couponOrders: couponOrders.map(exportRecord),
    groupBuys: groups.map((g) => groupView(g, member._id)),
    groupBuyHolds: holds.map(exportRecord),
    groupBuyPayments: payments.map(exportRecord),
    referrals: {
      inviteCodes: inviteCodes.map(exportRecord),
      touches: [...(ownTouch ? [ownTouch] : []), ...linkTouches].map(exportRecord),
      asInvitee: asInvitee ? [exportRecord(asInvitee)] : [],
      asInviter: asInviter.map(exportRecord),
      inviterTotals: inviterTotals ? [exportRecord(inviterTotals)] : [],
    },
    campaigns: { grants: grants.map(exportRecord), frequency: caps.map(exportRecord) },
    visits: { tillSessions: sessions.map(exportRecord), codeScans: codes.map(exportRecord) },
    feedback: { items: feedback.map(exportRecord), nps: nps.map(exportRecord) },
    audit: audit.sort((a, b) => a.at.getTime() - b.at.getTime()).map(auditRecord),
    notifications: { inbox: notices.map(exportRecord), preferences: notifyPrefs ? [exportRecord(notifyPrefs)] : [] },
  };
}
