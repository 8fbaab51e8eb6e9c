import fc from 'fast-check';
import { DEFAULT_TIERS } from '../../cloudfunctions/shared/domain/tiers/defaults';
import { downgradeFor, rollingGrowth } from '../../cloudfunctions/shared/domain/tiers/ladder';
import { nextReviewAt, retentionFor } from '../../cloudfunctions/shared/domain/tiers/retention';
import { monthKey } from '../../cloudfunctions/shared/domain/time/calendar';

const now = new Date('2026-11-23T10:00:00+08:00');

describe('tier retention view', () => {
  it('counts only the months still in the window on the review date', () => {
    // Gold (5000). Review on 2027-01-01: 2025-12 and 2026-01 have left the 12-month window by then.
    const facts = { tier: 'gold', growthByMonth: { '2025-12': 3000, '2026-01': 1000, '2026-06': 1500, '2026-11': 500 }, tierProtectedUntil: null, tierReviewAt: new Date('2027-01-01T00:00:00+08:00') };
    const retention = retentionFor(DEFAULT_TIERS, facts, now);
    expect(retention).toMatchObject({ growthCountingAtReview: 2000, neededToKeep: 3000, dropsTo: { code: 'silver' }, protectedUntil: null });
    expect(retention?.reviewAt.toISOString()).toBe(new Date('2027-01-01T00:00:00+08:00').toISOString());
  });

  it('reviews no earlier than protection ends, and at the next run when the date has passed', () => {
    const protectedUntil = new Date('2027-06-01T00:00:00+08:00');
    expect(nextReviewAt({ tier: 'gold', growthByMonth: {}, tierProtectedUntil: protectedUntil, tierReviewAt: new Date('2026-12-01T00:00:00+08:00') }, now)).toEqual(protectedUntil);
    expect(nextReviewAt({ tier: 'gold', growthByMonth: {}, tierProtectedUntil: null, tierReviewAt: new Date('2026-10-01T00:00:00+08:00') }, now)).toEqual(now);
    expect(nextReviewAt({ tier: 'gold', growthByMonth: {}, tierProtectedUntil: null, tierReviewAt: null }, now)).toEqual(new Date('2026-12-01T00:00:00+08:00'));
  });

  it('has nothing to keep on the lowest tier', () => {
    expect(retentionFor(DEFAULT_TIERS, { tier: 'bronze', growthByMonth: { '2026-11': 10 }, tierProtectedUntil: null, tierReviewAt: null }, now)).toBeNull();
  });

  it('agrees with the review rule: earning exactly what it says keeps the tier, one less drops it', () => {
    const month = fc.integer({ min: 0, max: 23 }).map((back) => {
      const d = new Date(Date.UTC(2026, 10 - back, 15));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    });
    fc.assert(
      fc.property(fc.constantFrom('silver', 'gold', 'jade', 'platinum'), fc.dictionary(month, fc.integer({ min: 0, max: 30_000 })), fc.integer({ min: 0, max: 200 }), (tier, growthByMonth, daysAhead) => {
        const facts = { tier, growthByMonth, tierProtectedUntil: null, tierReviewAt: new Date(now.getTime() + daysAhead * 86_400_000) };
        const retention = retentionFor(DEFAULT_TIERS, facts, now);
        if (!retention) return false;
        const at = retention.reviewAt;
        const key = monthKey(at);
        const withEarned = (extra: number) => ({ ...growthByMonth, [key]: (growthByMonth[key] ?? 0) + extra });
        const kept = downgradeFor(DEFAULT_TIERS, tier, rollingGrowth(withEarned(retention.neededToKeep), at), null, at, at);
        if (kept !== null) return false;
        if (retention.neededToKeep === 0) return true;
        const dropped = downgradeFor(DEFAULT_TIERS, tier, rollingGrowth(withEarned(retention.neededToKeep - 1), at), null, at, at);
        return dropped?.code === retention.dropsTo.code;
      }),
    );
  });
});
