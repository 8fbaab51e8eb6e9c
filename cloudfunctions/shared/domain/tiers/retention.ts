import type { TierDefinition } from '../../../../typings/domain';
import { startOfNextMonth } from '../time/calendar';
import { rollingGrowth, sortLadder, tierIndex } from './ladder';

export interface RetentionFacts {
  tier: string;
  growthByMonth: Readonly<Record<string, number>>;
  tierProtectedUntil: Date | null;
  tierReviewAt: Date | null;
}

export interface Retention {
  reviewAt: Date;
  protectedUntil: Date | null;
  growthCountingAtReview: number;
  neededToKeep: number;
  dropsTo: TierDefinition;
}

/**
 * When the review (review.ts) can next lower the tier: the scheduled review date (a member without
 * one is reviewed at the start of next month, as a review that keeps the tier reschedules it), a
 * date already passed meaning "at the next run", and never before protection ends.
 */
export function nextReviewAt(facts: RetentionFacts, now: Date): Date {
  let at = facts.tierReviewAt ?? startOfNextMonth(now);
  if (at < now) at = now;
  if (facts.tierProtectedUntil && facts.tierProtectedUntil > at) at = facts.tierProtectedUntil;
  return at;
}

/**
 * What keeping the current tier takes: at the next review the rolling window has moved on, so
 * only growth in months still inside it then counts; the member needs the tier's threshold by
 * that date or drops one tier (downgradeFor). Null on the lowest tier.
 */
export function retentionFor(ladder: readonly TierDefinition[], facts: RetentionFacts, now: Date): Retention | null {
  const sorted = sortLadder(ladder);
  const index = tierIndex(sorted, facts.tier);
  if (index === 0) return null;
  const reviewAt = nextReviewAt(facts, now);
  const growthCountingAtReview = rollingGrowth(facts.growthByMonth, reviewAt);
  return {
    reviewAt,
    protectedUntil: facts.tierProtectedUntil && facts.tierProtectedUntil > now ? facts.tierProtectedUntil : null,
    growthCountingAtReview,
    neededToKeep: Math.max(0, sorted[index].threshold - growthCountingAtReview),
    dropsTo: sorted[index - 1],
  };
}
