import type { AudienceRule } from '../../../typings/api';

/** Every node kind of the audience rule schema (typings/api/campaign.ts AudienceRule). */
export const RULE_KINDS = ['all', 'any', 'not', 'tiers', 'stages', 'rfm', 'daysSinceLastPurchase', 'birthdayInMonth', 'joinedWithinDays', 'tags', 'spendInWindow'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export function kindOf(rule: AudienceRule): RuleKind {
  const key = Object.keys(rule).find((k) => k !== 'match');
  return (RULE_KINDS as readonly string[]).includes(key ?? '') ? (key as RuleKind) : 'all';
}

/** A fresh node of a kind, with values the schema accepts so a new condition is valid at once. */
export function blankRule(kind: RuleKind, firstTier = 'silver'): AudienceRule {
  switch (kind) {
    case 'all':
      return { all: [] };
    case 'any':
      return { any: [] };
    case 'not':
      return { not: { tiers: [firstTier] } };
    case 'tiers':
      return { tiers: [firstTier] };
    case 'stages':
      return { stages: ['new'] };
    case 'rfm':
      return { rfm: { r: { min: 4 } } };
    case 'daysSinceLastPurchase':
      return { daysSinceLastPurchase: { min: 30 } };
    case 'birthdayInMonth':
      return { birthdayInMonth: 'current' };
    case 'joinedWithinDays':
      return { joinedWithinDays: 30 };
    case 'tags':
      return { tags: ['VIP'] };
    case 'spendInWindow':
      return { spendInWindow: { days: 90, minFen: 10000 } };
  }
}
