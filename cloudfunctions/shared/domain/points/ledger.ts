import type { PointLot } from '../../data/documents';
import { AppError } from '../../platform/app-error';

/**
 * The points ledger's pure rules. A member's points are a set of lots; the balance is the sum
 * of their remaining amounts. Every change produces one ledger entry draft whose delta equals
 * the change of that sum, which keeps balance == Σ lots == Σ ledger by construction.
 */
export interface PointsState {
  lots: readonly PointLot[];
  debt: number;
}

export interface EntryDraft {
  type: 'earn' | 'redeem' | 'expire' | 'refund_reversal' | 'adjust';
  delta: number;
  debtDelta: number;
  lots: Array<{ lotId: string; amount: number }>;
}

export interface Applied {
  state: PointsState;
  entry: EntryDraft;
}

export interface PointsSummary {
  balance: number;
  available: number;
  pending: number;
  debt: number;
  nextExpiryAt: Date | null;
  nextSettleAt: Date | null;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export function balanceOf(state: PointsState): number {
  return sum(state.lots.map((lot) => lot.remaining));
}

function earliest(dates: Date[]): Date | null {
  return dates.length === 0 ? null : new Date(Math.min(...dates.map((d) => d.getTime())));
}

export function summarize(state: PointsState): PointsSummary {
  const open = state.lots.filter((lot) => lot.state === 'open');
  const pending = state.lots.filter((lot) => lot.state === 'pending');
  return {
    balance: balanceOf(state),
    available: sum(open.map((lot) => lot.remaining)),
    pending: sum(pending.map((lot) => lot.remaining)),
    debt: state.debt,
    nextExpiryAt: earliest(state.lots.map((lot) => lot.expiresAt)),
    nextSettleAt: earliest(pending.map((lot) => lot.availableAt)),
  };
}

/** Oldest-expiring first, then oldest-earned: redemption never lets older points lapse. */
function fifo(a: PointLot, b: PointLot): number {
  return a.expiresAt.getTime() - b.expiresAt.getTime() || a.earnedAt.getTime() - b.earnedAt.getTime() || a.id.localeCompare(b.id);
}

/** Pending lots whose return window has passed become spendable. Changes no balance. */
export function settleDue(state: PointsState, now: Date): PointsState {
  return {
    ...state,
    lots: state.lots.map((lot) => (lot.state === 'pending' && lot.availableAt <= now ? { ...lot, state: 'open' } : lot)),
  };
}

/** Lots past their expiry leave the balance; one entry per lot so each is idempotent on its own. */
export function expireDue(state: PointsState, now: Date): { state: PointsState; expired: Array<{ lot: PointLot; entry: EntryDraft }> } {
  const due = state.lots.filter((lot) => lot.expiresAt <= now && lot.remaining > 0);
  if (due.length === 0) return { state, expired: [] };
  const dueIds = new Set(due.map((lot) => lot.id));
  return {
    state: { ...state, lots: state.lots.filter((lot) => !dueIds.has(lot.id)) },
    expired: due.map((lot) => ({
      lot,
      entry: { type: 'expire', delta: -lot.remaining, debtDelta: 0, lots: [{ lotId: lot.id, amount: lot.remaining }] },
    })),
  };
}

export interface NewLot {
  id: string;
  amount: number;
  earnedAt: Date;
  availableAt: Date;
  expiresAt: Date;
  orderNo: string | null;
}

/** Earned points first repay refund debt; the rest becomes a lot (pending inside the return window). */
export function earn(state: PointsState, lot: NewLot, type: 'earn' | 'adjust' = 'earn'): Applied {
  if (!Number.isSafeInteger(lot.amount) || lot.amount < 0) throw new AppError('INVALID_INPUT', 'earned points must be a non-negative integer');
  const repaid = Math.min(state.debt, lot.amount);
  const credited = lot.amount - repaid;
  const lots = [...state.lots];
  if (credited > 0) {
    lots.push({
      id: lot.id,
      state: lot.availableAt > lot.earnedAt ? 'pending' : 'open',
      earnedAt: lot.earnedAt,
      availableAt: lot.availableAt,
      expiresAt: lot.expiresAt,
      original: credited,
      remaining: credited,
      orderNo: lot.orderNo,
    });
  }
  return {
    state: { lots, debt: state.debt - repaid },
    entry: { type, delta: credited, debtDelta: -repaid, lots: credited > 0 ? [{ lotId: lot.id, amount: credited }] : [] },
  };
}

function drain(lots: PointLot[], order: PointLot[], amount: number): { lots: PointLot[]; taken: Array<{ lotId: string; amount: number }>; left: number } {
  const byId = new Map(lots.map((lot) => [lot.id, lot]));
  const taken: Array<{ lotId: string; amount: number }> = [];
  let left = amount;
  for (const candidate of order) {
    if (left === 0) break;
    const lot = byId.get(candidate.id);
    if (!lot || lot.remaining === 0) continue;
    const take = Math.min(lot.remaining, left);
    byId.set(lot.id, { ...lot, remaining: lot.remaining - take });
    taken.push({ lotId: lot.id, amount: take });
    left -= take;
  }
  return { lots: [...byId.values()].filter((lot) => lot.remaining > 0), taken, left };
}

/** Spends available points oldest-first; refuses rather than going negative. */
export function spend(state: PointsState, amount: number, type: 'redeem' | 'adjust' = 'redeem'): Applied {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError('INVALID_INPUT', 'points to spend must be a positive integer');
  const open = state.lots.filter((lot) => lot.state === 'open').sort(fifo);
  const available = sum(open.map((lot) => lot.remaining));
  if (available < amount) throw new AppError('INSUFFICIENT_POINTS', `需要 ${amount} 积分，可用 ${available}`, { available, requested: amount });
  const { lots, taken } = drain([...state.lots], open, amount);
  return { state: { ...state, lots }, entry: { type, delta: -amount, debtDelta: 0, lots: taken } };
}

/**
 * Takes back a refunded order's points: from the order's own lot first (usually still pending),
 * then other spendable lots, then other pending lots; whatever was already spent becomes debt
 * repaid from future earning, so the balance never goes negative and nothing is lost.
 */
export function reverse(state: PointsState, amount: number, orderLotId: string | null): Applied {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new AppError('INVALID_INPUT', 'points to reverse must be a non-negative integer');
  const own = state.lots.filter((lot) => lot.id === orderLotId);
  const open = state.lots.filter((lot) => lot.id !== orderLotId && lot.state === 'open').sort(fifo);
  const pending = state.lots.filter((lot) => lot.id !== orderLotId && lot.state === 'pending').sort(fifo);
  const { lots, taken, left } = drain([...state.lots], [...own, ...open, ...pending], amount);
  return {
    state: { lots, debt: state.debt + left },
    entry: { type: 'refund_reversal', delta: -(amount - left), debtDelta: left, lots: taken },
  };
}
