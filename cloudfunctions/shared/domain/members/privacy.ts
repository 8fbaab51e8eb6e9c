import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc, MemberIdentityDoc } from '../../data/documents';
import { removeWhere } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { ledgerDoc, ledgerIds, normalise, pointsStateOf, withPointsState } from '../points/account';
import { spend } from '../points/ledger';
import { auditInTransaction } from '../audit/audit';
import { identityIdFor } from './directory';
import { rememberErased } from './erased-identities';

/**
 * Erases personal fields and unlinks the openid; the member id, ledger and orders stay (they
 * carry no personal data) so totals reconcile. Remaining points are forfeited with a ledger
 * entry, so the outstanding liability drops to zero instead of lingering on a dead account.
 */
export async function deleteAccount(openid: string, now: Date, unionid: string | null = null): Promise<{ deleted: true }> {
  const memberId = await inTransaction(async (tx) => {
    const identityId = identityIdFor(openid);
    const identity = await tx.get<MemberIdentityDoc>(COLLECTIONS.memberIdentities, identityId);
    const current = identity ? await tx.get<MemberDoc>(COLLECTIONS.members, identity.memberId) : null;
    if (!identity || !current || current.status !== 'active') throw new AppError('NOT_REGISTERED');
    const actor = `member:${current._id}`;
    const { member, entries } = normalise(current, now, actor);
    let finalMember = member;
    if (member.points.balance > 0) {
      // Pending lots are forfeited too: treat everything as spendable for the forfeit.
      const state = { ...pointsStateOf(member), lots: member.lots.map((lot) => ({ ...lot, state: 'open' as const })) };
      const applied = spend(state, member.points.balance, 'adjust');
      entries.push(ledgerDoc(member._id, applied.entry, 0, { id: ledgerIds.erasure(member._id), actor, reason: 'account_deleted', now }));
      finalMember = withPointsState(member, applied.state, now);
    }
    const erased: MemberDoc = {
      ...finalMember,
      openid: null,
      status: 'deleted',
      nickname: '',
      birthday: null,
      birthMonth: null,
      birthdayChangedAt: null,
      phone: null,
      deletedAt: now,
      updatedAt: now,
    };
    for (const entry of entries) await tx.create(COLLECTIONS.ledger, entry);
    await tx.put(COLLECTIONS.members, erased);
    await tx.remove(COLLECTIONS.memberIdentities, identityId);
    await rememberErased(tx, { openid, unionid }, current.birthdayGiftYear ?? null, now);
    await auditInTransaction(tx, {
      actor: { kind: 'system', id: actor },
      storeId: null,
      memberId: current._id,
      action: 'member.deleteAccount',
      outcome: 'ok',
      detail: { forfeitedPoints: member.points.balance },
      at: now,
    });
    return current._id;
  });
  // Feedback texts and survey answers are the member's own words and go with the card. A where-removal
  // cannot run inside a transaction; if it fails the call fails after the erasure (documented limit).
  await Promise.all([removeWhere(COLLECTIONS.feedback, { memberId }), removeWhere(COLLECTIONS.npsResponses, { memberId })]);
  return { deleted: true };
}
