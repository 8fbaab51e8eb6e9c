import type { ApprovalKind, ApprovalStatus, ApprovalView } from '../../../../typings/api/console';
import { COLLECTIONS } from '../../data/collections';
import type { ApprovalDoc } from '../../data/documents';
import { isDuplicateWrite } from '../../data/sdk-error';
import { find, getById, insert } from '../../data/store';
import { pageByTime } from '../../data/time-page';
import { inTransaction, type Tx } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { keyId } from '../../platform/ids';
import { identityOf } from '../../platform/principal';
import { adminAudit, auditInTransaction, recordAudit } from '../audit/audit';
import { toIso } from '../time/calendar';

/**
 * Four-eyes: a change one admin asks for and a different admin decides. Generic over `kind`:
 * the payload is what the kind's applier needs; applying runs inside the decision's
 * transaction, so an approval is applied at most once however often it is retried.
 */
export type Applier = (tx: Tx, approval: ApprovalDoc, decider: string, now: Date) => Promise<Record<string, unknown>>;

export function approvalIdFor(kind: ApprovalKind, key: string): string {
  return keyId('approval', kind, key);
}

function approvalActor(actor: string): ApprovalDoc['requestedBy'] {
  return { actor, ...identityOf(actor) };
}

export function approvalView(doc: ApprovalDoc): ApprovalView {
  return {
    id: doc._id,
    kind: doc.kind,
    status: doc.status,
    payload: doc.payload,
    memberId: doc.memberId,
    requestedBy: doc.requestedBy,
    requestedAt: toIso(doc.requestedAt),
    decidedBy: doc.decidedBy,
    decidedAt: doc.decidedAt ? toIso(doc.decidedAt) : null,
    note: doc.note,
    result: doc.result,
  };
}

function samePayload(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

/**
 * Files a request keyed by the kind and the requester's business key: a retried request answers
 * the approval already filed; the same key with another payload is a KEY_CONFLICT.
 */
export async function requestApproval(kind: ApprovalKind, key: string, payload: Record<string, unknown>, memberId: string | null, actor: string, now: Date): Promise<ApprovalDoc> {
  const doc: ApprovalDoc = {
    _id: approvalIdFor(kind, key),
    kind,
    status: 'pending',
    payload,
    memberId,
    requestedBy: approvalActor(actor),
    requestedAt: now,
    decidedBy: null,
    decidedAt: null,
    note: null,
    result: null,
  };
  try {
    await insert<ApprovalDoc>(COLLECTIONS.approvals, doc);
    await recordAudit(adminAudit(actor, 'admin.requestApproval', { approvalId: doc._id, kind, payload }, now, { memberId }));
    return doc;
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    const existing = await getById<ApprovalDoc>(COLLECTIONS.approvals, doc._id);
    if (!existing || !samePayload(existing.payload, payload)) throw new AppError('KEY_CONFLICT', `key ${key} was already used for another request`, { key });
    return existing;
  }
}

/**
 * Approves (applying the change) or rejects. The decider must be another person than the
 * requester (SAME_APPROVER); a decision repeated by the same decider answers the stored one.
 */
export async function decideApproval(
  input: { approvalId: string; decision: 'approve' | 'reject'; note?: string },
  appliers: Readonly<Record<ApprovalKind, Applier>>,
  actor: string,
  now: Date,
): Promise<{ approval: ApprovalView }> {
  const decider = approvalActor(actor);
  const status: ApprovalStatus = input.decision === 'approve' ? 'approved' : 'rejected';
  const decided = await inTransaction(async (tx) => {
    const approval = await tx.get<ApprovalDoc>(COLLECTIONS.approvals, input.approvalId);
    if (!approval) throw new AppError('APPROVAL_NOT_FOUND');
    if (approval.status !== 'pending') {
      if (approval.status === status && approval.decidedBy?.uid === decider.uid) return { ...approval, _id: input.approvalId };
      throw new AppError('APPROVAL_DECIDED', `approval ${input.approvalId} is already ${approval.status}`);
    }
    if (approval.requestedBy.uid === decider.uid) throw new AppError('SAME_APPROVER');
    const current = { ...approval, _id: input.approvalId };
    const result = status === 'approved' ? await appliers[current.kind](tx, current, actor, now) : null;
    const next: ApprovalDoc = { ...current, status, decidedBy: decider, decidedAt: now, note: input.note ?? null, result };
    await tx.put(COLLECTIONS.approvals, next);
    await auditInTransaction(tx, adminAudit(actor, 'admin.decideApproval', { approvalId: next._id, kind: next.kind, decision: input.decision, requestedBy: next.requestedBy.uid }, now, { memberId: next.memberId }));
    return next;
  });
  return { approval: approvalView(decided) };
}

/** Newest first (indexes status_requestedAt, requestedAt). */
export async function listApprovals(input: { status?: ApprovalStatus; limit: number; cursor?: string }): Promise<{ items: ApprovalView[]; nextCursor: string | null }> {
  const where: Record<string, unknown> = input.status ? { status: input.status } : {};
  return pageByTime<ApprovalDoc, ApprovalView>(COLLECTIONS.approvals, where, 'requestedAt', {}, input.limit, input.cursor, approvalView);
}

/** Pending approvals of one member, for the member page. */
export async function pendingApprovalsOf(memberId: string): Promise<ApprovalView[]> {
  const docs = await find<ApprovalDoc>(COLLECTIONS.approvals, { memberId, status: 'pending' }, { orderBy: [['requestedAt', 'desc']], limit: 20 });
  return docs.map(approvalView);
}
