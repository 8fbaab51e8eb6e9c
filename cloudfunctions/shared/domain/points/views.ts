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

export function ledgerEntryView(doc: LedgerDoc): LedgerEntryView {
  return {
    id: doc._id,
    type: doc.type,
    delta: doc.delta,
    debtDelta: doc.debtDelta,
    balanceAfter: doc.balanceAfter,
    createdAt: toIso(doc.createdAt),
    orderNo: doc.orderNo,
    reason: doc.reason,
  };
}
