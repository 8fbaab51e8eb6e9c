import type { AudienceRule } from '../../../../typings/api';
import { command } from '../../data/database';
import type { Where } from '../../data/store';
import { monthOfYear } from '../time/calendar';

const DAY_MS = 86_400_000;

/**
 * The indexable part of an audience rule as a database filter on `members`, so a run reads its
 * audience rather than the whole base. The filter is a sound superset: every member the rule
 * engine (./rules.ts, the single source of truth) accepts also matches it, and the runner still
 * evaluates the full rule on each fetched member. null means "nothing to narrow by" (read every
 * active member, as before).
 *
 * - tiers → `tier in`, tags → `tags in` / `tags all`, birthday month → `birthMonth` (kept by
 *   registration and profile, see members/birthday.ts), join date and last purchase → date
 *   ranges that match `daysBetween` exactly (floor of whole days, future dates count as 0).
 * - stages (computed now from thresholds), RFM, spend windows and `not` do not narrow.
 * - all → every narrowing child AND-ed; any → OR of the children, only when every child narrows.
 */
export function audienceQuery(rule: AudienceRule, now: Date): Where | null {
  const _ = command();
  if ('all' in rule) {
    const parts = rule.all.map((child) => audienceQuery(child, now)).filter((w): w is Where => w !== null);
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0] : (_.and(parts) as unknown as Where);
  }
  if ('any' in rule) {
    const parts = rule.any.map((child) => audienceQuery(child, now));
    if (parts.length === 0 || parts.some((w) => w === null)) return null;
    return parts.length === 1 ? (parts[0] as Where) : (_.or(parts as Where[]) as unknown as Where);
  }
  if ('tiers' in rule) return { tier: _.in(rule.tiers) };
  if ('tags' in rule) return { tags: rule.match === 'all' ? _.all(rule.tags) : _.in(rule.tags) };
  if ('birthdayInMonth' in rule) {
    const month = rule.birthdayInMonth === 'current' ? Number(monthOfYear(now)) : rule.birthdayInMonth;
    // Stored as given ("03"); an unpadded "3" also reads as March to the rule engine.
    return { birthMonth: _.in([String(month).padStart(2, '0'), String(month)]) };
  }
  if ('joinedWithinDays' in rule) return { joinedAt: _.gt(new Date(now.getTime() - (rule.joinedWithinDays + 1) * DAY_MS)) };
  if ('daysSinceLastPurchase' in rule) {
    const { min, max } = rule.daysSinceLastPurchase;
    const path = 'stats.lastPurchaseAt';
    // floor((now - at) / day) >= min  ⇔  at <= now - min days; <= max  ⇔  at > now - (max + 1) days.
    const notBefore = max === undefined ? null : _.gt(new Date(now.getTime() - (max + 1) * DAY_MS));
    const notAfter = min === undefined || min === 0 ? null : _.lte(new Date(now.getTime() - min * DAY_MS));
    if (notBefore && notAfter) return { [path]: notBefore.and(notAfter) };
    if (notBefore) return { [path]: notBefore };
    // No upper bound: members who never bought match too.
    if (notAfter) return _.or([{ [path]: notAfter }, { [path]: null }]) as unknown as Where;
    return null;
  }
  return null;
}
