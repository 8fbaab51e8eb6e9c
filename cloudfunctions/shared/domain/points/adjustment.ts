import { COLLECTIONS } from '../../data/collections';
import type { AuditDoc, LedgerDoc, MemberDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { newId } from '../../platform/ids';
import { loadConfiguration } from '../settings/service';
import { endOfMonthAfter } from '../time/calendar';
import { ledgerDoc, ledgerIds, normalise, pointsStateOf, withPointsState } from './account';
import { earn, spend } from './ledger';

export interface AdjustInput {
  memberId: string;
  delta: number;
  reason: string;
  key: string;
}

/**
 * An admin's manual correction, keyed so a retried console call applies once. Credits are
 * immediately available and expire like earned points; debits spend oldest-first and refuse
 * to take the balance below zero.
 */
export async function adjustPoints(input: AdjustInput, actor: string, now: Date): Promise<{ memberId: string; delta: number; balance: number }> {
  const config = await loadConfiguration();
  return inTransaction(async (tx) => {
    const entryId = ledgerIds.adjust(input.key);
    const done = await tx.get<LedgerDoc>(COLLECTIONS.ledger, entryId);
    if (done) {
      if (done.memberId !== input.memberId) throw new AppError('INVALID_INPUT', `adjustment key ${input.key} was used for another member`);
      return { memberId: done.memberId, delta: done.delta, balance: done.balanceAfter };
    }
    const current = await tx.get<MemberDoc>(COLLECTIONS.members, input.memberId);
    if (!current || current.status !== 'active') throw new AppError('MEMBER_NOT_FOUND');
    const { member, entries } = normalise(current, now, actor);
    const applied =
      input.delta > 0
        ? earn(pointsStateOf(member), { id: `a_${input.key}`, amount: input.delta, earnedAt: now, availableAt: now, expiresAt: endOfMonthAfter(now, config.settings.expiryMonths), orderNo: null }, 'adjust')
        : spend(pointsStateOf(member), -input.delta, 'adjust');
    const next = withPointsState(member, applied.state, now);
    entries.push(ledgerDoc(member._id, applied.entry, next.points.balance, { id: entryId, reason: input.reason, actor, now }));
    await tx.put(COLLECTIONS.members, next);
    for (const entry of entries) await tx.create(COLLECTIONS.ledger, entry);
    await tx.create<AuditDoc & { _id: string }>(COLLECTIONS.audit, {
      _id: newId(),
      actor: { kind: 'admin', id: actor },
      storeId: null,
      memberId: member._id,
      action: 'admin.adjustPoints',
      outcome: 'ok',
      detail: { delta: input.delta, reason: input.reason, key: input.key },
      at: now,
    });
    return { memberId: member._id, delta: applied.entry.delta, balance: next.points.balance };
  });
}
