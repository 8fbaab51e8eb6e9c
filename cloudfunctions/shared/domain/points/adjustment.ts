import { auditInTransaction } from '../audit/audit';
import { COLLECTIONS } from '../../data/collections';
import type { AuditDoc, LedgerDoc, MemberDoc } from '../../data/documents';
import { inTransaction, type Tx } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { loadConfiguration, type Configuration } from '../settings/service';
import { endOfMonthAfter } from '../time/calendar';
import { ledgerDoc, ledgerIds, lotIds, normalise, pointsStateOf, withPointsState } from './account';
import { earn, spend } from './ledger';

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
export async function applyAdjustment(tx: Tx, input: AdjustInput, entryId: string, by: Adjuster, config: Configuration, now: Date): Promise<{ result: AdjustResult; replayed: boolean }> {
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
    detail: { delta: input.delta, reason: input.reason, key: input.key },
    at: now,
  });
  return { result: { memberId: member._id, delta: applied.entry.delta, balance: next.points.balance }, replayed: false };
}

/** An admin's correction from the console. */
export async function adjustPoints(input: AdjustInput, actor: string, now: Date): Promise<AdjustResult> {
  const config = await loadConfiguration();
  const by: Adjuster = { actor, audit: { actor: { kind: 'admin', id: actor }, storeId: null, action: 'admin.adjustPoints' } };
  return inTransaction(async (tx) => (await applyAdjustment(tx, input, ledgerIds.adminAdjust(input.key), by, config, now)).result);
}
