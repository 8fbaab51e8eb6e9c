import { z } from 'zod';
import type { AudienceRule } from '../../../../typings/api';
import { LIFECYCLE_STAGES } from '../../../../typings/api/campaign';

/**
 * Validation of the audience rule tree. A node must have exactly one rule key; each key has its
 * own zod schema, and issues carry the path of the offending node (e.g. `all.1.tiers`), so an
 * admin saving a campaign from the console sees which part is wrong rather than a generic
 * "invalid union" from trying every alternative.
 */
export const MAX_RULE_DEPTH = 6;
export const MAX_RULE_NODES = 60;

const score = z.number().int().min(1).max(5);
const scoreRange = z
  .strictObject({ min: score.optional(), max: score.optional() })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max');
const days = z.number().int().min(0).max(3650);
const code = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'not a tier code');
const tag = z.string().trim().min(1).max(32);

const LEAVES: Record<string, z.ZodType> = {
  tiers: z.array(code).min(1, 'list at least one tier').max(20),
  stages: z.array(z.enum(LIFECYCLE_STAGES as [string, ...string[]])).min(1, 'list at least one stage'),
  rfm: z
    .strictObject({ r: scoreRange.optional(), f: scoreRange.optional(), m: scoreRange.optional() })
    .refine((r) => r.r || r.f || r.m, 'give at least one of r, f, m'),
  daysSinceLastPurchase: z
    .strictObject({ min: days.optional(), max: days.optional() })
    .refine((r) => r.min !== undefined || r.max !== undefined, 'give min, max or both')
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max'),
  birthdayInMonth: z.union([z.literal('current'), z.number().int().min(1).max(12)], { error: "use 1-12 or 'current'" }),
  joinedWithinDays: days.min(1),
  spendInWindow: z
    .strictObject({ days: days.min(1), minFen: z.number().int().min(0).optional(), maxFen: z.number().int().min(0).optional() })
    .refine((r) => r.minFen !== undefined || r.maxFen !== undefined, 'give minFen, maxFen or both')
    .refine((r) => r.minFen === undefined || r.maxFen === undefined || r.minFen <= r.maxFen, 'minFen must not exceed maxFen'),
};
const COMBINATORS = ['all', 'any', 'not'] as const;
const KEYS = [...COMBINATORS, ...Object.keys(LEAVES), 'tags'];

type Issue = { path: Array<string | number>; message: string };

function check(node: unknown, path: Array<string | number>, depth: number, issues: Issue[], counter: { nodes: number }): void {
  counter.nodes += 1;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    issues.push({ path, message: `a rule is an object with one of: ${KEYS.join(', ')}` });
    return;
  }
  const keys = Object.keys(node).filter((k) => k !== 'match' || !('tags' in node));
  if (keys.length !== 1 || !KEYS.includes(keys[0])) {
    issues.push({ path, message: `a rule has exactly one of: ${KEYS.join(', ')} (got ${keys.join(', ') || 'nothing'})` });
    return;
  }
  const [key] = keys;
  const value = (node as Record<string, unknown>)[key];
  if (key === 'all' || key === 'any' || key === 'not') {
    if (depth >= MAX_RULE_DEPTH) {
      issues.push({ path, message: `rules nest at most ${MAX_RULE_DEPTH} levels` });
      return;
    }
    if (key === 'not') return check(value, [...path, 'not'], depth + 1, issues, counter);
    if (!Array.isArray(value)) {
      issues.push({ path: [...path, key], message: `${key} takes a list of rules` });
      return;
    }
    value.forEach((child, i) => check(child, [...path, key, i], depth + 1, issues, counter));
    return;
  }
  const schema =
    key === 'tags'
      ? z.strictObject({ tags: z.array(tag).min(1, 'list at least one tag').max(20), match: z.enum(['any', 'all']).optional() })
      : z.strictObject({ [key]: LEAVES[key] });
  const parsed = schema.safeParse(node);
  if (!parsed.success) for (const issue of parsed.error.issues) issues.push({ path: [...path, ...(issue.path as Array<string | number>)], message: issue.message });
}

/** Problems with a rule tree, each with its path; empty when the rule is valid. */
export function ruleProblems(value: unknown): Issue[] {
  const issues: Issue[] = [];
  const counter = { nodes: 0 };
  check(value, [], 0, issues, counter);
  if (counter.nodes > MAX_RULE_NODES) issues.push({ path: [], message: `a rule has at most ${MAX_RULE_NODES} conditions (got ${counter.nodes})` });
  return issues;
}

/** The zod entry point used by the handler: a valid rule tree, typed. */
export const audienceRule: z.ZodType<AudienceRule> = z.unknown().superRefine((value, ctx) => {
  for (const issue of ruleProblems(value)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}) as unknown as z.ZodType<AudienceRule>;

/** Tier codes a rule names (checked against the configured ladder when a campaign is saved). */
export function tiersIn(rule: AudienceRule): string[] {
  if ('all' in rule) return rule.all.flatMap(tiersIn);
  if ('any' in rule) return rule.any.flatMap(tiersIn);
  if ('not' in rule) return tiersIn(rule.not);
  if ('tiers' in rule) return rule.tiers;
  return [];
}

/** Spend windows (days) a rule needs, so facts are loaded only for those. */
export function spendWindowsIn(rule: AudienceRule): number[] {
  if ('all' in rule) return [...new Set(rule.all.flatMap(spendWindowsIn))];
  if ('any' in rule) return [...new Set(rule.any.flatMap(spendWindowsIn))];
  if ('not' in rule) return spendWindowsIn(rule.not);
  if ('spendInWindow' in rule) return [rule.spendInWindow.days];
  return [];
}
