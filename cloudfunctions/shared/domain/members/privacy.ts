import type { MemberExport } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { LedgerDoc, MemberDoc, MemberIdentityDoc, OrderDoc, TierHistoryDoc } from '../../data/documents';
import { find } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { ledgerDoc, ledgerIds, normalise, pointsStateOf, withPointsState } from '../points/account';
import { spend } from '../points/ledger';
import { ledgerEntryView } from '../points/views';
import { toIso } from '../time/calendar';
import { recordAudit, auditInTransaction } from '../audit/audit';
import { identityIdFor, requireMemberByOpenid } from './directory';
import { rememberErased } from './erased-identities';
import { revealPhone } from './personal-data';

const PAGE = 500;

/** Reads every document of a member in pages of an indexed field (server reads cap at 1000). */
async function allFor<T extends { _id: string }>(collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS], memberId: string): Promise<T[]> {
  const out: T[] = [];
  let after = '';
  for (;;) {
    const page = await find<T>(collection, { memberId, _id: { $gt: after } } as never, { orderBy: [['_id', 'asc']], limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]._id;
  }
}

/** Everything the product stores about the shopper, in one JSON document (PIPL data portability). */
export async function exportData(openid: string, now: Date): Promise<MemberExport> {
  const member = await requireMemberByOpenid(openid);
  const [ledger, orders, tierHistory] = await Promise.all([
    allFor<LedgerDoc>(COLLECTIONS.ledger, member._id),
    allFor<OrderDoc>(COLLECTIONS.orders, member._id),
    allFor<TierHistoryDoc>(COLLECTIONS.tierHistory, member._id),
  ]);
  await recordAudit({ actor: { kind: 'system', id: `member:${member._id}` }, storeId: null, memberId: member._id, action: 'member.exportData', outcome: 'ok', detail: { ledgerEntries: ledger.length, orders: orders.length }, at: now });
  const { lots, phone, ...rest } = member;
  return {
    exportedAt: toIso(now),
    member: { ...rest, phone: phone ? revealPhone(phone.cipher) : null, lots: lots.map((lot) => ({ ...lot })) },
    ledger: ledger.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map(ledgerEntryView),
    orders: orders.map((o) => ({ orderNo: o.orderNo, amountFen: o.amountFen, refundedFen: o.refundedFen, createdAt: toIso(o.createdAt), storeId: o.storeId })),
    tierHistory: tierHistory.map((h) => ({ from: h.from, to: h.to, reason: h.reason, at: toIso(h.at) })),
  };
}

/**
 * Erases personal fields and unlinks the openid; the member id, ledger and orders stay (they
 * carry no personal data) so totals reconcile. Remaining points are forfeited with a ledger
 * entry, so the outstanding liability drops to zero instead of lingering on a dead account.
 */
export async function deleteAccount(openid: string, now: Date, unionid: string | null = null): Promise<{ deleted: true }> {
  await inTransaction(async (tx) => {
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
  });
  return { deleted: true };
}
