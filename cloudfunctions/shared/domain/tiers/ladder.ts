import type { NextTierView, TierCode, TierDefinition } from '../../../../typings/domain';
import { trailingMonthKeys } from '../time/calendar';
import { cardTextContrast, MIN_TEXT_CONTRAST } from './contrast';

/** Growth counts over a rolling window of 12 calendar months including the current one. */
export const GROWTH_WINDOW_MONTHS = 12;

export function sortLadder(ladder: readonly TierDefinition[]): TierDefinition[] {
  return [...ladder].sort((a, b) => a.threshold - b.threshold);
}

/** Rolling growth value at `now` from per-month buckets. */
export function rollingGrowth(byMonth: Readonly<Record<string, number>>, now: Date): number {
  return trailingMonthKeys(now, GROWTH_WINDOW_MONTHS).reduce((sum, key) => sum + (byMonth[key] ?? 0), 0);
}

/** Drops buckets that have left the window so the member document stays small. */
export function pruneGrowth(byMonth: Readonly<Record<string, number>>, now: Date): Record<string, number> {
  const keep = new Set(trailingMonthKeys(now, GROWTH_WINDOW_MONTHS));
  return Object.fromEntries(Object.entries(byMonth).filter(([key, value]) => keep.has(key) && value !== 0));
}

export function tierIndex(ladder: readonly TierDefinition[], code: TierCode): number {
  const index = sortLadder(ladder).findIndex((tier) => tier.code === code);
  return index < 0 ? 0 : index;
}

/** The highest tier whose threshold the growth reaches. */
export function tierForGrowth(ladder: readonly TierDefinition[], growth: number): TierDefinition {
  const sorted = sortLadder(ladder);
  let reached = sorted[0];
  for (const tier of sorted) if (growth >= tier.threshold) reached = tier;
  return reached;
}

export function tierByCode(ladder: readonly TierDefinition[], code: TierCode): TierDefinition {
  const sorted = sortLadder(ladder);
  return sorted.find((tier) => tier.code === code) ?? sorted[0];
}

export function nextTier(ladder: readonly TierDefinition[], code: TierCode, growth: number): NextTierView | null {
  const sorted = sortLadder(ladder);
  const next = sorted[tierIndex(sorted, code) + 1];
  if (!next) return null;
  return { code: next.code, name: next.name, threshold: next.threshold, missing: Math.max(0, next.threshold - growth) };
}

/** Upgrades happen at once when growth crosses a higher threshold; never downgrades. */
export function upgradeFor(ladder: readonly TierDefinition[], current: TierCode, growth: number): TierDefinition | null {
  const reached = tierForGrowth(ladder, growth);
  return tierIndex(ladder, reached.code) > tierIndex(ladder, current) ? reached : null;
}

/**
 * Periodic review: after protection has lapsed, a member whose growth no longer holds the
 * tier drops exactly one level per review (never straight to the tier the growth implies).
 */
export function downgradeFor(
  ladder: readonly TierDefinition[],
  current: TierCode,
  growth: number,
  protectedUntil: Date | null,
  reviewAt: Date | null,
  now: Date,
): TierDefinition | null {
  if (protectedUntil && now < protectedUntil) return null;
  if (reviewAt === null || now < reviewAt) return null;
  const sorted = sortLadder(ladder);
  const index = tierIndex(sorted, current);
  if (index === 0 || growth >= sorted[index].threshold) return null;
  return sorted[index - 1];
}

/** Validates an admin-supplied ladder: unique codes, one tier at threshold 0, sane multipliers, readable card colours. */
export function ladderProblems(ladder: readonly TierDefinition[]): string[] {
  const problems: string[] = [];
  if (ladder.length === 0) problems.push('at least one tier is required');
  const codes = new Set<string>();
  const thresholds = new Set<number>();
  for (const tier of ladder) {
    if (codes.has(tier.code)) problems.push(`duplicate tier code ${tier.code}`);
    if (thresholds.has(tier.threshold)) problems.push(`duplicate threshold ${tier.threshold}`);
    codes.add(tier.code);
    thresholds.add(tier.threshold);
    // The card picks white or dark text itself; a mid-tone neither reaches 4.5:1 on is refused.
    const contrast = cardTextContrast(tier.color);
    if (contrast < MIN_TEXT_CONTRAST) problems.push(`tier ${tier.code}: colour ${tier.color} gives text a contrast of ${contrast.toFixed(2)}:1 with white or dark text (needs ${MIN_TEXT_CONTRAST}:1)`);
  }
  if (ladder.length > 0 && !ladder.some((tier) => tier.threshold === 0)) problems.push('the lowest tier must have threshold 0');
  const sorted = sortLadder(ladder);
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i].benefits.pointsMultiplierPermille < sorted[i - 1].benefits.pointsMultiplierPermille) {
      problems.push(`tier ${sorted[i].code} has a lower multiplier than ${sorted[i - 1].code}`);
    }
  }
  return problems;
}
