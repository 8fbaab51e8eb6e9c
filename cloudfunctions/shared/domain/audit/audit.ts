import { COLLECTIONS } from '../../data/collections';
import type { AuditDoc, FlagDoc } from '../../data/documents';
import { isDuplicateWrite } from '../../data/sdk-error';
import { insert } from '../../data/store';
import type { Tx } from '../../data/transaction';
import { newId } from '../../platform/ids';
import { identityOf } from '../../platform/principal';
import { logger } from '../../platform/logger';

export type AuditEntry = Omit<AuditDoc, '_id'>;

/** An admin actor as audit records carry it: the actor string plus the uid and role it stands for (platform/principal.ts). */
export function adminAuditActor(actor: string): AuditDoc['actor'] {
  return { kind: 'admin', id: actor, ...identityOf(actor) };
}

/** A successful admin action's audit entry (store and member only where the action has one). */
export function adminAudit(actor: string, action: string, detail: Record<string, unknown>, at: Date, scope: { storeId?: string | null; memberId?: string | null } = {}): AuditEntry {
  return { actor: adminAuditActor(actor), storeId: scope.storeId ?? null, memberId: scope.memberId ?? null, action, outcome: 'ok', detail, at };
}

/** Records the audit entry of a change inside that change's transaction: both commit or neither. */
export function auditInTransaction(tx: Tx, entry: AuditEntry): Promise<void> {
  return tx.create<AuditDoc & { _id: string }>(COLLECTIONS.audit, { _id: newId(), ...entry });
}

/**
 * Records an audit entry outside a transaction (refusals, reads). Successful writes record theirs
 * inside their own transaction instead, so the record and the change commit together.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    await insert<AuditDoc>(COLLECTIONS.audit, entry);
  } catch (error) {
    // Losing an audit line of a refused action must not turn the refusal into an internal error.
    logger.error({ err: error, action: entry.action }, 'audit write failed');
  }
}

/** Raises an admin flag; with `once`, a flag id: concurrent raisers of the same condition leave one flag. */
export async function raiseFlag(flag: Omit<FlagDoc, '_id' | 'resolved'>, once?: string): Promise<void> {
  try {
    await insert<FlagDoc>(COLLECTIONS.flags, { ...(once ? { _id: once } : {}), ...flag, resolved: false });
  } catch (error) {
    if (once && isDuplicateWrite(error)) return;
    logger.error({ err: error, kind: flag.kind }, 'flag write failed');
  }
}
