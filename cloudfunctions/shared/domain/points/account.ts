import type { LedgerDoc, MemberDoc } from '../../data/documents';
import { keyId } from '../../platform/ids';
import { expireDue, settleDue, summarize, type EntryDraft, type PointsState } from './ledger';

/**
 * Bridges a member document and the ledger's pure rules: read the points state out, write the
 * new state back (with derived counters for queries and the card), and draft ledger documents.
 */
export function pointsStateOf(member: MemberDoc): PointsState {
  return { lots: member.lots, debt: member.points.debt };
}

export function withPointsState(member: MemberDoc, state: PointsState, now: Date): MemberDoc {
  const summary = summarize(state);
  return {
    ...member,
    lots: [...state.lots],
    points: { balance: summary.balance, available: summary.available, pending: summary.pending, debt: summary.debt },
    nextExpiryAt: summary.nextExpiryAt,
    nextSettleAt: summary.nextSettleAt,
    updatedAt: now,
  };
}

export interface EntryMeta {
  id: string;
  orderNo?: string | null;
  reason?: string | null;
  actor: string;
  now: Date;
}

export function ledgerDoc(memberId: string, entry: EntryDraft, balanceAfter: number, meta: EntryMeta): LedgerDoc {
  return {
    _id: meta.id,
    memberId,
    type: entry.type,
    delta: entry.delta,
    debtDelta: entry.debtDelta,
    balanceAfter,
    orderNo: meta.orderNo ?? null,
    reason: meta.reason ?? null,
    actor: meta.actor,
    lots: entry.lots,
    createdAt: meta.now,
  };
}

/**
 * Ledger ids are derived from the business event's typed tuple (platform/ids.ts keyId), so a
 * replayed event cannot write twice and two distinct events can never want the same id.
 */
export const ledgerIds = {
  earn: (orderNo: string) => keyId('earn', orderNo),
  refund: (orderNo: string, refundNo: string) => keyId('refund', orderNo, refundNo),
  expire: (memberId: string, lotId: string) => keyId('expire', memberId, lotId),
  /** An admin's correction, keyed by the admin's idempotency key (global: one key, one member). */
  adminAdjust: (key: string) => keyId('adjust', 'admin', key),
  /** A store manager's goodwill points, keyed per manager. */
  tillAdjust: (staffId: string, key: string) => keyId('adjust', 'till', staffId, key),
  /** The forfeit of the remaining points when the member erases their account. */
  erasure: (memberId: string) => keyId('erasure', memberId),
  birthdayGift: (memberId: string, year: number) => keyId('birthday', memberId, year),
  redeem: (couponId: string) => keyId('redeem', couponId),
  referral: (inviteeId: string, side: 'invitee' | 'inviter') => keyId('referral', inviteeId, side),
  referralClawback: (inviteeId: string, side: 'invitee' | 'inviter') => keyId('referral_clawback', inviteeId, side),
  campaign: (runId: string, memberId: string) => keyId('campaign', runId, memberId),
};

/** Lot ids: unique within one member's lots; the order's lot is found again by refunds. */
export const lotIds = {
  order: (orderNo: string) => keyId('o', orderNo),
  adjustment: (entryId: string) => keyId('a', entryId),
  referral: (inviteeId: string) => keyId('rf', inviteeId),
  campaign: (runId: string) => keyId('c', runId),
};

/**
 * Every mutation starts here: due pending lots settle and due lots expire (one ledger entry
 * each), so a late job never lets expired points be spent or settled points stay locked.
 */
export function normalise(member: MemberDoc, now: Date, actor: string): { member: MemberDoc; entries: LedgerDoc[] } {
  const settled = settleDue(pointsStateOf(member), now);
  const { state, expired } = expireDue(settled, now);
  let balance = summarize(settled).balance;
  const entries = expired.map(({ lot, entry }) => {
    balance += entry.delta;
    return ledgerDoc(member._id, entry, balance, { id: ledgerIds.expire(member._id, lot.id), actor, reason: 'expired', now });
  });
  return { member: withPointsState(member, state, now), entries };
}
