import type { AuditView, ListAuditRequest } from '../../../../typings/api/console';
import { COLLECTIONS } from '../../data/collections';
import type { AuditDoc } from '../../data/documents';
import { pageByTime } from '../../data/time-page';
import { toIso } from '../time/calendar';

export function auditView(doc: AuditDoc): AuditView {
  return {
    id: String(doc._id),
    action: doc.action,
    outcome: doc.outcome,
    actor: { kind: doc.actor.kind, id: doc.actor.id, uid: doc.actor.uid ?? null, role: doc.actor.role ?? null },
    memberId: doc.memberId,
    storeId: doc.storeId,
    detail: doc.detail,
    at: toIso(doc.at),
  };
}

/**
 * The audit log, newest first, filtered by actor (audit `actor.uid`: an account uid, an admin
 * openid or a system actor string), action, member and date range. Each filter field leads an
 * index ending in `at` desc (audit_log: actor_at, action_at, member_at, at), so every page is one
 * index range read whatever the filters.
 */
export async function listAudit(input: Omit<ListAuditRequest, 'from' | 'to' | 'limit'> & { from?: Date; to?: Date; limit: number }): Promise<{ items: AuditView[]; nextCursor: string | null }> {
  const where: Record<string, unknown> = {
    ...(input.actor ? { 'actor.uid': input.actor } : {}),
    ...(input.auditAction ? { action: input.auditAction } : {}),
    ...(input.memberId ? { memberId: input.memberId } : {}),
  };
  return pageByTime<AuditDoc, AuditView>(COLLECTIONS.audit, where, 'at', { from: input.from, to: input.to }, input.limit, input.cursor, auditView);
}
