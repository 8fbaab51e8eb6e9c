import { backoffCeilingMs, type RetryPolicy } from '../../cloudfunctions/shared/data/transaction';

const POLICY: RetryPolicy = { attempts: 60, baseDelayMs: 5, maxDoublings: 6 };

describe('transaction retry backoff', () => {
  it('is measured in the failed attempt’s own duration, so a slower machine backs off proportionally', () => {
    for (const attempt of [1, 3, 6, 20]) {
      expect(backoffCeilingMs(POLICY, attempt, 400)).toBe(40 * backoffCeilingMs(POLICY, attempt, 10));
    }
  });

  it('doubles per conflict up to maxDoublings and never goes below the base unit', () => {
    expect([1, 2, 3].map((a) => backoffCeilingMs(POLICY, a, 10))).toEqual([20, 40, 80]);
    expect(backoffCeilingMs(POLICY, 6, 10)).toBe(640);
    expect(backoffCeilingMs(POLICY, 59, 10)).toBe(640);
    expect(backoffCeilingMs(POLICY, 1, 0.2)).toBe(10);
  });
});
