import type { AudienceRule, LifecycleStage } from '../../../../typings/api';
import { daysBetween } from '../segments/lifecycle';
import { monthOfYear } from '../time/calendar';

/**
 * The one audience engine: whether a member matches a campaign's rule, and why (in Chinese).
 * Pure: everything it needs about the member is in MemberFacts (loaded by ./facts.ts, page by
 * page for a run, one member for `offers`), and the time is passed in.
 */
export interface MemberFacts {
  memberId: string;
  tier: string;
  stage: LifecycleStage;
  /** From the last segment recompute; null before the first (RFM conditions then fail). */
  rfm: { r: number; f: number; m: number } | null;
  joinedAt: Date;
  lastPurchaseAt: Date | null;
  /** MM-DD or YYYY-MM-DD. */
  birthday: string | null;
  tags: readonly string[];
  /** Net spend in fen over the last N days, keyed by N, for every window the rule uses. */
  spendByWindow: Readonly<Record<number, number>>;
}

/** Names for reasons: tier codes → the brand's tier names. */
export interface RuleLabels {
  tierName: (code: string) => string;
}

const STAGE_NAMES: Record<LifecycleStage, string> = {
  new: '新会员',
  growing: '成长期会员',
  mature: '成熟期会员',
  declining: '活跃度下降会员',
  dormant: '沉睡会员',
  churned: '流失会员',
};

const within = (value: number, min?: number, max?: number) => (min === undefined || value >= min) && (max === undefined || value <= max);

function birthMonth(birthday: string | null): number | null {
  if (!birthday) return null;
  const parts = birthday.split('-');
  const month = Number(parts[parts.length - 2]);
  return Number.isInteger(month) && month >= 1 && month <= 12 ? month : null;
}

function targetMonth(month: number | 'current', now: Date): number {
  return month === 'current' ? Number(monthOfYear(now)) : month;
}

export function evaluate(rule: AudienceRule, facts: MemberFacts, now: Date): boolean {
  if ('all' in rule) return rule.all.every((child) => evaluate(child, facts, now));
  if ('any' in rule) return rule.any.some((child) => evaluate(child, facts, now));
  if ('not' in rule) return !evaluate(rule.not, facts, now);
  if ('tiers' in rule) return rule.tiers.includes(facts.tier);
  if ('stages' in rule) return rule.stages.includes(facts.stage);
  if ('rfm' in rule) {
    const { rfm } = facts;
    if (!rfm) return false;
    return (['r', 'f', 'm'] as const).every((k) => within(rfm[k], rule.rfm[k]?.min, rule.rfm[k]?.max));
  }
  if ('daysSinceLastPurchase' in rule) {
    const { min, max } = rule.daysSinceLastPurchase;
    // Never bought: infinitely long ago, so only an open upper bound matches.
    if (!facts.lastPurchaseAt) return max === undefined;
    return within(daysBetween(facts.lastPurchaseAt, now), min, max);
  }
  if ('birthdayInMonth' in rule) return birthMonth(facts.birthday) === targetMonth(rule.birthdayInMonth, now);
  if ('joinedWithinDays' in rule) return daysBetween(facts.joinedAt, now) <= rule.joinedWithinDays;
  if ('tags' in rule) {
    const has = (tag: string) => facts.tags.includes(tag);
    return rule.match === 'all' ? rule.tags.every(has) : rule.tags.some(has);
  }
  if ('spendInWindow' in rule) {
    const { days, minFen, maxFen } = rule.spendInWindow;
    return within(facts.spendByWindow[days] ?? 0, minFen, maxFen);
  }
  return assertNever(rule);
}

function assertNever(rule: never): never {
  throw new Error(`unknown audience rule ${JSON.stringify(rule)}`);
}

const yuan = (fen: number) => `${(fen / 100).toFixed(fen % 100 === 0 ? 0 : 2)}元`;

function range(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined) return min === max ? `${min}${unit}` : `${min}–${max}${unit}`;
  if (min !== undefined) return `至少${min}${unit}`;
  if (max !== undefined) return `不超过${max}${unit}`;
  return `任意${unit}`;
}

/** A Chinese description of what the rule asks for (used for `not` and in admin views). */
export function describe(rule: AudienceRule, labels: RuleLabels, now: Date): string {
  if ('all' in rule) return rule.all.length === 0 ? '所有会员' : rule.all.map((c) => describe(c, labels, now)).join('，且');
  if ('any' in rule) return rule.any.length === 0 ? '（无）' : `满足其一：${rule.any.map((c) => describe(c, labels, now)).join('；')}`;
  if ('not' in rule) return `不满足（${describe(rule.not, labels, now)}）`;
  if ('tiers' in rule) return `${rule.tiers.map(labels.tierName).join('/')}会员`;
  if ('stages' in rule) return rule.stages.map((s) => STAGE_NAMES[s]).join('/');
  if ('rfm' in rule) {
    const names = { r: '最近消费', f: '消费频次', m: '消费金额' } as const;
    const parts = (['r', 'f', 'm'] as const).filter((k) => rule.rfm[k]).map((k) => `${names[k]}评分${range(rule.rfm[k]?.min, rule.rfm[k]?.max, '分')}`);
    return parts.length > 0 ? parts.join('、') : '有消费评分';
  }
  if ('daysSinceLastPurchase' in rule) {
    const { min, max } = rule.daysSinceLastPurchase;
    if (max === undefined && min !== undefined) return `已${min}天以上未消费`;
    return `距上次消费${range(min, max, '天')}`;
  }
  if ('birthdayInMonth' in rule) return rule.birthdayInMonth === 'current' ? '本月生日' : `${rule.birthdayInMonth}月生日`;
  if ('joinedWithinDays' in rule) return `近${rule.joinedWithinDays}天内入会`;
  if ('tags' in rule) return `${rule.match === 'all' ? '同时带有' : '带有'}标签「${rule.tags.join('、')}」`;
  if ('spendInWindow' in rule) {
    const { days, minFen, maxFen } = rule.spendInWindow;
    const amount = minFen !== undefined && maxFen !== undefined ? `${yuan(minFen)}–${yuan(maxFen)}` : minFen !== undefined ? `满${yuan(minFen)}` : maxFen !== undefined ? `不超过${yuan(maxFen)}` : '任意金额';
    return `近${days}天消费${amount}`;
  }
  return assertNever(rule);
}

/**
 * Why a matching member matches, in Chinese: all → every part, any → the first part that holds.
 * Returns null when the member does not match.
 */
export function explain(rule: AudienceRule, facts: MemberFacts, labels: RuleLabels, now: Date): string | null {
  if (!evaluate(rule, facts, now)) return null;
  if ('all' in rule) return rule.all.length === 0 ? '所有会员' : rule.all.map((c) => explain(c, facts, labels, now) as string).join('，且');
  if ('any' in rule) return explain(rule.any.find((c) => evaluate(c, facts, now)) as AudienceRule, facts, labels, now);
  if ('tiers' in rule) return `您是${labels.tierName(facts.tier)}会员`;
  if ('stages' in rule) return `您是${STAGE_NAMES[facts.stage]}`;
  if ('daysSinceLastPurchase' in rule && facts.lastPurchaseAt) return `您已${daysBetween(facts.lastPurchaseAt, now)}天未消费`;
  if ('daysSinceLastPurchase' in rule) return '您还没有消费记录';
  if ('birthdayInMonth' in rule) return rule.birthdayInMonth === 'current' ? '您本月生日' : `您${rule.birthdayInMonth}月生日`;
  return describe(rule, labels, now);
}
