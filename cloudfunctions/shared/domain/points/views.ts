import type { LedgerEntryView, PointsView } from '../../../../typings/domain';
import type { LedgerDoc, MemberDoc } from '../../data/documents';
import { addDays, toIso } from '../time/calendar';
import { expireDue, settleDue, summarize } from './ledger';
import { pointsStateOf } from './account';

/** What the card shows right now, even if the settle/expiry jobs have not run yet. */
export function pointsView(member: MemberDoc, now: Date, expiringSoonDays: number): PointsView {
  const { state } = expireDue(settleDue(pointsStateOf(member), now), now);
  const summary = summarize(state);
  const horizon = addDays(now, expiringSoonDays);
  const soon = state.lots.filter((lot) => lot.expiresAt <= horizon);
  const earliest = soon.reduce<Date | null>((min, lot) => (min === null || lot.expiresAt < min ? lot.expiresAt : min), null);
  return {
    available: summary.available,
    pending: summary.pending,
    debt: summary.debt,
    expiringSoon: { points: soon.reduce((s, lot) => s + lot.remaining, 0), withinDays: expiringSoonDays, earliestAt: earliest ? toIso(earliest) : null },
  };
}

/**
 * One history row. An entry whose lots are still pending at `now` carries the latest of their
 * `availableAt`, so the history shows 待生效 with the date, as the card's 待生效 figure does.
 */
export function ledgerEntryView(doc: LedgerDoc, pendingLots: ReadonlyMap<string, Date>): LedgerEntryView {
  const pendingUntil = doc.lots.reduce<Date | null>((latest, { lotId }) => {
    const at = pendingLots.get(lotId);
    return at && (latest === null || at > latest) ? at : latest;
  }, null);
  return {
    id: doc._id,
    type: doc.type,
    delta: doc.delta,
    debtDelta: doc.debtDelta,
    balanceAfter: doc.balanceAfter,
    createdAt: toIso(doc.createdAt),
    orderNo: doc.orderNo,
    reason: doc.reason,
    pendingUntil: pendingUntil ? toIso(pendingUntil) : null,
  };
}

/** The member's lots not yet usable at `now` (pending lots the settle job may not have reached yet). */
export function pendingLotsAt(member: MemberDoc, now: Date): Map<string, Date> {
  return new Map(member.lots.filter((lot) => lot.state === 'pending' && lot.availableAt > now).map((lot) => [lot.id, lot.availableAt]));
}
