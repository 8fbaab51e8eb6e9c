import { adminAuditActor, auditInTransaction } from '../audit/audit';
import { COLLECTIONS } from '../../data/collections';
import type { ApprovalDoc, AuditDoc, LedgerDoc, MemberDoc } from '../../data/documents';
import { inTransaction, type Tx } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { loadConfiguration, type Configuration } from '../settings/service';
import { endOfMonthAfter } from '../time/calendar';
import { ledgerDoc, ledgerIds, lotIds, normalise, pointsStateOf, withPointsState } from './account';
import { earn, spend } from './ledger';
import type { PendingAdjustment } from '../../../../typings/api/console';
import { getById } from '../../data/store';
import { identityOf } from '../../platform/principal';
import { approvalIdFor, requestApproval, type Applier } from '../approvals/approvals';
import { requireActiveMember } from '../members/directory';

export interface AdjustInput {
  memberId: string;
  delta: number;
  reason: string;
  key: string;
}

export interface AdjustResult {
  memberId: string;
  delta: number;
  balance: number;
}

export interface Adjuster {
  /** Ledger actor, e.g. "admin:<openid>", "admin-key:<source>" or "staff:<id>". */
  actor: string;
  audit: Pick<AuditDoc, 'actor' | 'storeId' | 'action'>;
}

/**
 * A manual correction inside the caller's transaction, keyed so a retried call applies once.
 * Credits are immediately available and expire like earned points; debits spend oldest-first
 * and refuse to take the balance below zero. A key already used for the same member, amount and
 * reason answers with the stored result; for anything else it is a KEY_CONFLICT.
 */
export async function applyAdjustment(tx: Tx, input: AdjustInput, entryId: string, by: Adjuster, config: Configuration, now: Date, auditExtra: Record<string, unknown> = {}): Promise<{ result: AdjustResult; replayed: boolean }> {
  const [done, current] = await Promise.all([tx.get<LedgerDoc>(COLLECTIONS.ledger, entryId), tx.get<MemberDoc>(COLLECTIONS.members, input.memberId)]);
  if (done) {
    // The same key for another member or amount is another request, not a retry of this one.
    if (done.memberId !== input.memberId || done.reason !== input.reason || done.requested !== input.delta) {
      throw new AppError('KEY_CONFLICT', `调整键 ${input.key} 已用于另一次调整`, { key: input.key });
    }
    return { result: { memberId: done.memberId, delta: done.delta, balance: done.balanceAfter }, replayed: true };
  }
  if (!current || current.status !== 'active') throw new AppError('MEMBER_NOT_FOUND');
  const { member, entries } = normalise(current, now, by.actor);
  const applied =
    input.delta > 0
      ? earn(pointsStateOf(member), { id: lotIds.adjustment(entryId), amount: input.delta, earnedAt: now, availableAt: now, expiresAt: endOfMonthAfter(now, config.settings.expiryMonths), orderNo: null }, 'adjust')
      : spend(pointsStateOf(member), -input.delta, 'adjust');
  const next = withPointsState(member, applied.state, now);
  entries.push({ ...ledgerDoc(member._id, applied.entry, next.points.balance, { id: entryId, reason: input.reason, actor: by.actor, now }), requested: input.delta });
  await tx.put(COLLECTIONS.members, next);
  for (const entry of entries) await tx.create(COLLECTIONS.ledger, entry);
  await auditInTransaction(tx, {
    ...by.audit,
    memberId: member._id,
    outcome: 'ok',
    detail: { delta: input.delta, reason: input.reason, key: input.key, ...auditExtra },
    at: now,
  });
  return { result: { memberId: member._id, delta: applied.entry.delta, balance: next.points.balance }, replayed: false };
}

/** What a points approval carries: the adjustment as asked for. */
function adjustmentOf(payload: Record<string, unknown>): AdjustInput {
  const { memberId, delta, reason, key } = payload;
  if (typeof memberId !== 'string' || typeof delta !== 'number' || typeof reason !== 'string' || typeof key !== 'string') throw new AppError('INTERNAL', 'malformed points approval');
  return { memberId, delta, reason, key };
}

/**
 * Applies an approved adjustment inside the decision's transaction, under the admin key's ledger
 * id: however often the decision is retried or raced, the ledger has it once. The ledger actor
 * is the requester; the audit says who approved.
 */
export const applyApprovedAdjustment: Applier = async (tx, approval, decider, now) => {
  const input = adjustmentOf(approval.payload);
  const requester = approval.requestedBy.actor;
  const by: Adjuster = { actor: requester, audit: { actor: adminAuditActor(requester), storeId: null, action: 'admin.adjustPoints' } };
  const config = await loadConfiguration();
  const { result } = await applyAdjustment(tx, input, ledgerIds.adminAdjust(input.key), by, config, now, { approvalId: approval._id, approvedBy: identityOf(decider).uid });
  return { ...result };
};

/**
 * An admin's correction from the console. A person (console account or listed openid) adjusting
 * more than the configured threshold files a four-eyes approval instead (docs/console-api.md);
 * the system (console key, own functions) applies directly: there is no second person behind it.
 */
export async function adjustPoints(input: AdjustInput, actor: string, now: Date): Promise<AdjustResult | PendingAdjustment> {
  const config = await loadConfiguration();
  const threshold = config.settings.pointsApprovalThreshold;
  if (identityOf(actor).role !== 'system' && Math.abs(input.delta) > threshold) {
    // A retry of a filed request answers that request; a key already spent without approval is another request.
    if (!(await getById<ApprovalDoc>(COLLECTIONS.approvals, approvalIdFor('points.adjust', input.key)))) {
      if (await getById<LedgerDoc>(COLLECTIONS.ledger, ledgerIds.adminAdjust(input.key))) throw new AppError('KEY_CONFLICT', `调整键 ${input.key} 已用于另一次调整`, { key: input.key });
      await requireActiveMember(input.memberId);
    }
    const approval = await requestApproval('points.adjust', input.key, { ...input }, input.memberId, actor, now);
    if (approval.status === 'approved' && approval.result) return approval.result as unknown as AdjustResult;
    return { pending: true, approvalId: approval._id, memberId: input.memberId, requested: input.delta, threshold };
  }
  const by: Adjuster = { actor, audit: { actor: adminAuditActor(actor), storeId: null, action: 'admin.adjustPoints' } };
  return inTransaction(async (tx) => (await applyAdjustment(tx, input, ledgerIds.adminAdjust(input.key), by, config, now)).result);
}
