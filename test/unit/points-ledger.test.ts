import fc from 'fast-check';
import { isAppError } from '../../cloudfunctions/shared/platform/app-error';
import { balanceOf, earn, expireDue, reverse, settleDue, spend, summarize, type EntryDraft, type PointsState } from '../../cloudfunctions/shared/domain/points/ledger';

const DAY = 24 * 3600_000;
const T0 = new Date('2026-01-01T00:00:00+08:00').getTime();

type Op =
  | { kind: 'earn'; amount: number; pendingDays: number; lifeDays: number }
  | { kind: 'spend'; amount: number }
  | { kind: 'reverse'; amount: number; lotPick: number }
  | { kind: 'advance'; days: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('earn' as const), amount: fc.integer({ min: 0, max: 5000 }), pendingDays: fc.integer({ min: 0, max: 10 }), lifeDays: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('spend' as const), amount: fc.integer({ min: 1, max: 6000 }) }),
  fc.record({ kind: fc.constant('reverse' as const), amount: fc.integer({ min: 0, max: 3000 }), lotPick: fc.nat() }),
  fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 0, max: 120 }) }),
);

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function assertInvariants(state: PointsState, entries: EntryDraft[]): void {
  const balance = balanceOf(state);
  expect(balance).toBeGreaterThanOrEqual(0);
  expect(state.debt).toBeGreaterThanOrEqual(0);
  expect(sum(entries.map((e) => e.delta))).toBe(balance);
  expect(sum(entries.map((e) => e.debtDelta))).toBe(state.debt);
  for (const lot of state.lots) {
    expect(lot.remaining).toBeGreaterThan(0);
    expect(lot.remaining).toBeLessThanOrEqual(lot.original);
  }
  const s = summarize(state);
  expect(s.available + s.pending).toBe(s.balance);
}

describe('points ledger rules (property)', () => {
  it('keeps balance == Σ lots == Σ ledger, never negative, across random earn/spend/expire/refund sequences', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        let state: PointsState = { lots: [], debt: 0 };
        const entries: EntryDraft[] = [];
        let now = T0;
        let lotSeq = 0;
        for (const o of ops) {
          const at = new Date(now);
          state = settleDue(state, at);
          const expired = expireDue(state, at);
          state = expired.state;
          entries.push(...expired.expired.map((x) => x.entry));
          if (o.kind === 'earn') {
            const r = earn(state, { id: `l${lotSeq++}`, amount: o.amount, earnedAt: at, availableAt: new Date(now + o.pendingDays * DAY), expiresAt: new Date(now + o.lifeDays * DAY), orderNo: null });
            expect(r.entry.delta - r.entry.debtDelta).toBe(o.amount);
            state = r.state;
            entries.push(r.entry);
          } else if (o.kind === 'spend') {
            const available = summarize(state).available;
            try {
              const r = spend(state, o.amount);
              expect(o.amount).toBeLessThanOrEqual(available);
              state = r.state;
              entries.push(r.entry);
            } catch (error) {
              expect(isAppError(error) && error.code).toBe('INSUFFICIENT_POINTS');
              expect(o.amount).toBeGreaterThan(available);
            }
          } else if (o.kind === 'reverse') {
            const lotId = state.lots.length > 0 ? state.lots[o.lotPick % state.lots.length].id : null;
            const before = balanceOf(state);
            const r = reverse(state, o.amount, lotId);
            // Nothing is lost: what is not taken from the balance becomes debt.
            expect(-r.entry.delta + r.entry.debtDelta).toBe(o.amount);
            expect(-r.entry.delta).toBe(Math.min(before, o.amount));
            state = r.state;
            entries.push(r.entry);
          } else {
            now += o.days * DAY;
          }
          assertInvariants(state, entries);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('spends oldest-expiring lots first', () => {
    const at = new Date(T0);
    let state: PointsState = { lots: [], debt: 0 };
    state = earn(state, { id: 'late', amount: 100, earnedAt: at, availableAt: at, expiresAt: new Date(T0 + 300 * DAY), orderNo: null }).state;
    state = earn(state, { id: 'soon', amount: 100, earnedAt: at, availableAt: at, expiresAt: new Date(T0 + 30 * DAY), orderNo: null }).state;
    const r = spend(state, 150);
    expect(r.entry.lots).toEqual([{ lotId: 'soon', amount: 100 }, { lotId: 'late', amount: 50 }]);
    expect(r.state.lots.map((l) => [l.id, l.remaining])).toEqual([['late', 50]]);
  });

  it('does not spend pending points and settles them when the return window passes', () => {
    const at = new Date(T0);
    const state = earn({ lots: [], debt: 0 }, { id: 'p', amount: 80, earnedAt: at, availableAt: new Date(T0 + 7 * DAY), expiresAt: new Date(T0 + 365 * DAY), orderNo: 'o1' }).state;
    expect(summarize(state)).toMatchObject({ available: 0, pending: 80 });
    expect(() => spend(state, 1)).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_POINTS' }));
    expect(summarize(settleDue(state, new Date(T0 + 7 * DAY - 1)))).toMatchObject({ available: 0, pending: 80 });
    expect(summarize(settleDue(state, new Date(T0 + 7 * DAY)))).toMatchObject({ available: 80, pending: 0 });
  });

  it('reverses from the order lot first, then records what was spent as debt repaid by the next earn', () => {
    const at = new Date(T0);
    let state: PointsState = earn({ lots: [], debt: 0 }, { id: 'a', amount: 100, earnedAt: at, availableAt: at, expiresAt: new Date(T0 + 365 * DAY), orderNo: 'o1' }).state;
    state = spend(state, 70).state;
    const reversal = reverse(state, 100, 'a');
    expect(reversal.entry).toMatchObject({ delta: -30, debtDelta: 70 });
    expect(reversal.state.debt).toBe(70);
    const next = earn(reversal.state, { id: 'b', amount: 50, earnedAt: at, availableAt: at, expiresAt: new Date(T0 + 365 * DAY), orderNo: 'o2' });
    expect(next.entry).toMatchObject({ delta: 0, debtDelta: -50 });
    expect(next.state.debt).toBe(20);
    expect(next.state.lots).toHaveLength(0);
  });

  it('expires each due lot with its own entry', () => {
    const at = new Date(T0);
    let state: PointsState = { lots: [], debt: 0 };
    state = earn(state, { id: 'x', amount: 10, earnedAt: at, availableAt: at, expiresAt: new Date(T0 + DAY), orderNo: null }).state;
    state = earn(state, { id: 'y', amount: 20, earnedAt: at, availableAt: at, expiresAt: new Date(T0 + 2 * DAY), orderNo: null }).state;
    const r = expireDue(state, new Date(T0 + DAY));
    expect(r.expired.map((e) => [e.lot.id, e.entry.delta])).toEqual([['x', -10]]);
    expect(balanceOf(r.state)).toBe(20);
  });
});
