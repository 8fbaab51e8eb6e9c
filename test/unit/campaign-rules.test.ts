import fc from 'fast-check';
import type { AudienceRule, LifecycleStage } from '../../typings/api';
import { LIFECYCLE_STAGES } from '../../typings/api/campaign';
import { ruleTree } from '../support/rule-arbitrary';
import { ruleProblems, spendWindowsIn, tiersIn } from '../../cloudfunctions/shared/domain/campaigns/rule-schema';
import { describe as describeRule, evaluate, explain, type MemberFacts } from '../../cloudfunctions/shared/domain/campaigns/rules';
import { inHoldout } from '../../cloudfunctions/shared/domain/campaigns/holdout';
import { activeMultipliers, fitsBudget, isCapped, withMultiplier } from '../../cloudfunctions/shared/domain/campaigns/policy';

const NOW = new Date('2026-03-10T10:00:00+08:00');
const DAY = 86_400_000;
const labels = { tierName: (code: string) => ({ bronze: '青铜', gold: '黄金' })[code] ?? code };

function facts(over: Partial<MemberFacts> = {}): MemberFacts {
  return {
    memberId: 'm1',
    tier: 'gold',
    stage: 'mature',
    rfm: { r: 5, f: 3, m: 4 },
    joinedAt: new Date(NOW.getTime() - 400 * DAY),
    lastPurchaseAt: new Date(NOW.getTime() - 10 * DAY),
    birthday: '1990-03-21',
    tags: ['vip'],
    spendByWindow: { 30: 50_000 },
    ...over,
  };
}

describe('audience rule engine', () => {
  it.each<[string, AudienceRule, boolean]>([
    ['tier in list', { tiers: ['gold', 'platinum'] }, true],
    ['tier not in list', { tiers: ['bronze'] }, false],
    ['stage', { stages: ['mature'] }, true],
    ['rfm range holds', { rfm: { r: { min: 4 }, m: { min: 4, max: 5 } } }, true],
    ['rfm range fails', { rfm: { f: { min: 4 } } }, false],
    ['days since purchase in range', { daysSinceLastPurchase: { min: 7, max: 10 } }, true],
    ['days since purchase too recent', { daysSinceLastPurchase: { min: 11 } }, false],
    ['birthday this month', { birthdayInMonth: 'current' }, true],
    ['birthday month number', { birthdayInMonth: 4 }, false],
    ['joined within', { joinedWithinDays: 400 }, true],
    ['joined too long ago', { joinedWithinDays: 399 }, false],
    ['tags any', { tags: ['vip', 'staff'] }, true],
    ['tags all', { tags: ['vip', 'staff'], match: 'all' }, false],
    ['spend in window', { spendInWindow: { days: 30, minFen: 50_000 } }, true],
    ['spend in window too low', { spendInWindow: { days: 30, minFen: 50_001 } }, false],
    ['spend in an unloaded window counts as 0', { spendInWindow: { days: 7, maxFen: 0 } }, true],
    ['all', { all: [{ tiers: ['gold'] }, { stages: ['mature'] }] }, true],
    ['any', { any: [{ tiers: ['bronze'] }, { stages: ['mature'] }] }, true],
    ['not', { not: { tiers: ['gold'] } }, false],
  ])('%s', (_name, rule, expected) => {
    expect(evaluate(rule, facts(), NOW)).toBe(expected);
  });

  it('treats a member who never bought as infinitely long ago', () => {
    const never = facts({ lastPurchaseAt: null });
    expect(evaluate({ daysSinceLastPurchase: { min: 90 } }, never, NOW)).toBe(true);
    expect(evaluate({ daysSinceLastPurchase: { max: 90 } }, never, NOW)).toBe(false);
  });

  it('fails RFM conditions before the first segment recompute', () => {
    expect(evaluate({ rfm: { r: { min: 1 } } }, facts({ rfm: null }), NOW)).toBe(false);
  });

  it('reads the birthday month from MM-DD as well as YYYY-MM-DD', () => {
    expect(evaluate({ birthdayInMonth: 3 }, facts({ birthday: '03-01' }), NOW)).toBe(true);
    expect(evaluate({ birthdayInMonth: 'current' }, facts({ birthday: null }), NOW)).toBe(false);
  });

  it('explains a match in Chinese, naming the branch of an any that held', () => {
    const rule: AudienceRule = { all: [{ tiers: ['gold'] }, { any: [{ stages: ['dormant'] }, { birthdayInMonth: 'current' }] }] };
    expect(explain(rule, facts(), labels, NOW)).toBe('您是黄金会员，且您本月生日');
    expect(explain({ daysSinceLastPurchase: { min: 7 } }, facts(), labels, NOW)).toBe('您已10天未消费');
    expect(explain({ tiers: ['bronze'] }, facts(), labels, NOW)).toBeNull();
    expect(describeRule({ not: { stages: ['churned'] } }, labels, NOW)).toBe('不满足（流失会员）');
  });

  it('lists the tiers and spend windows a rule uses', () => {
    const rule: AudienceRule = { any: [{ tiers: ['gold'] }, { not: { spendInWindow: { days: 30, minFen: 1 } } }, { spendInWindow: { days: 30, maxFen: 5 } }] };
    expect(tiersIn(rule)).toEqual(['gold']);
    expect(spendWindowsIn(rule)).toEqual([30]);
  });
});

describe('audience rule validation', () => {
  it.each<[string, unknown, string]>([
    ['unknown key', { tier: ['gold'] }, 'exactly one of'],
    ['two keys in one node', { tiers: ['gold'], stages: ['new'] }, 'exactly one of'],
    ['empty tier list', { all: [{ tiers: [] }] }, 'list at least one tier'],
    ['bad stage', { stages: ['sleepy'] }, 'stages'],
    ['score out of range', { rfm: { r: { min: 0 } } }, 'r.min'],
    ['inverted range', { daysSinceLastPurchase: { min: 30, max: 10 } }, 'min must not exceed max'],
    ['no bounds', { spendInWindow: { days: 30 } }, 'give minFen, maxFen or both'],
    ['month 13', { birthdayInMonth: 13 }, 'birthdayInMonth: Too big'],
    ['any of a non-list', { any: { tiers: ['gold'] } }, 'any takes a list'],
    ['a string node', { not: 'gold' }, 'a rule is an object'],
  ])('%s', (_name, rule, fragment) => {
    const problems = ruleProblems(rule);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => `${p.path.join('.')}: ${p.message}`).join(' | ')).toContain(fragment);
  });

  it('names the path of a nested problem', () => {
    const problems = ruleProblems({ all: [{ tiers: ['gold'] }, { any: [{ joinedWithinDays: -1 }] }] });
    expect(problems[0].path).toEqual(['all', 1, 'any', 0, 'joinedWithinDays']);
  });

  it('limits depth', () => {
    let rule: unknown = { tiers: ['gold'] };
    for (let i = 0; i < 8; i += 1) rule = { not: rule };
    expect(ruleProblems(rule)[0].message).toMatch(/nest at most/);
  });
});

// ---- properties ------------------------------------------------------------------------------

const stage = fc.constantFrom<LifecycleStage>(...LIFECYCLE_STAGES);
const score = fc.integer({ min: 1, max: 5 });
const range = fc.record({ min: fc.option(score, { nil: undefined }), max: fc.option(score, { nil: undefined }) }).map(({ min, max }) => (min !== undefined && max !== undefined && min > max ? { min: max, max: min } : { min, max }));
const leaf: fc.Arbitrary<AudienceRule> = fc.oneof(
  fc.record({ tiers: fc.uniqueArray(fc.constantFrom('bronze', 'silver', 'gold'), { minLength: 1 }) }),
  fc.record({ stages: fc.uniqueArray(stage, { minLength: 1 }) }),
  fc.record({ rfm: fc.record({ r: range }) }),
  fc.integer({ min: 0, max: 400 }).chain((min) => fc.record({ daysSinceLastPurchase: fc.constant({ min }) })),
  fc.record({ birthdayInMonth: fc.oneof(fc.constant('current' as const), fc.integer({ min: 1, max: 12 })) }),
  fc.record({ joinedWithinDays: fc.integer({ min: 1, max: 800 }) }),
  fc.record({ tags: fc.uniqueArray(fc.constantFrom('vip', 'staff', 'b2b'), { minLength: 1 }), match: fc.constantFrom<'any' | 'all'>('any', 'all') }),
  fc.record({ spendInWindow: fc.record({ days: fc.constantFrom(7, 30), minFen: fc.integer({ min: 0, max: 100_000 }) }) }),
);
const rule = ruleTree(leaf);
const memberFacts: fc.Arbitrary<MemberFacts> = fc.record({
  memberId: fc.string(),
  tier: fc.constantFrom('bronze', 'silver', 'gold', 'platinum'),
  stage,
  rfm: fc.option(fc.record({ r: score, f: score, m: score }), { nil: null }),
  joinedAt: fc.integer({ min: 0, max: 1000 }).map((d) => new Date(NOW.getTime() - d * DAY)),
  lastPurchaseAt: fc.option(fc.integer({ min: 0, max: 1000 }).map((d) => new Date(NOW.getTime() - d * DAY)), { nil: null }),
  birthday: fc.option(fc.integer({ min: 1, max: 12 }).map((m) => `${String(m).padStart(2, '0')}-15`), { nil: null }),
  tags: fc.uniqueArray(fc.constantFrom('vip', 'staff', 'b2b')),
  spendByWindow: fc.record({ 7: fc.integer({ min: 0, max: 100_000 }), 30: fc.integer({ min: 0, max: 200_000 }) }),
});

describe('audience rule engine properties', () => {
  it('generated rules are valid, and evaluation and explanation never throw', () => {
    fc.assert(
      fc.property(rule, memberFacts, (r, f) => {
        expect(ruleProblems(r).filter((p) => !p.message.includes('at most'))).toEqual([]);
        const matched = evaluate(r, f, NOW);
        const reason = explain(r, f, labels, NOW);
        expect(reason === null).toBe(!matched);
        if (reason !== null) expect(reason.length).toBeGreaterThan(0);
        expect(describeRule(r, labels, NOW).length).toBeGreaterThan(0);
      }),
    );
  });

  it('not(not(r)) ≡ r', () => {
    fc.assert(fc.property(rule, memberFacts, (r, f) => evaluate({ not: { not: r } }, f, NOW) === evaluate(r, f, NOW)));
  });

  it('all([]) is true and any([]) is false', () => {
    fc.assert(fc.property(memberFacts, (f) => evaluate({ all: [] }, f, NOW) && !evaluate({ any: [] }, f, NOW)));
  });

  it('de Morgan: not(all(rs)) ≡ any(not rs) and not(any(rs)) ≡ all(not rs)', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 4 }), memberFacts, (rs, f) => {
        const negated = rs.map((r) => ({ not: r }));
        return evaluate({ not: { all: rs } }, f, NOW) === evaluate({ any: negated }, f, NOW) && evaluate({ not: { any: rs } }, f, NOW) === evaluate({ all: negated }, f, NOW);
      }),
    );
  });

  it('all and any agree with every/some of their children', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 4 }), memberFacts, (rs, f) => {
        const each = rs.map((r) => evaluate(r, f, NOW));
        return evaluate({ all: rs }, f, NOW) === each.every(Boolean) && evaluate({ any: rs }, f, NOW) === each.some(Boolean);
      }),
    );
  });
});

describe('grant policy', () => {
  it('holds out about the given share, deterministically', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `member_${i}`);
    const held = ids.filter((id) => inHoldout('camp', id, 10));
    expect(held.length / ids.length).toBeGreaterThan(0.08);
    expect(held.length / ids.length).toBeLessThan(0.12);
    expect(ids.filter((id) => inHoldout('camp', id, 10))).toEqual(held);
    expect(ids.some((id) => inHoldout('camp', id, 0))).toBe(false);
  });

  it('caps frequency once per campaign or once per N days', () => {
    const last = { lastGrantAt: new Date(NOW.getTime() - 10 * DAY) };
    expect(isCapped(null, { kind: 'oncePerCampaign' }, NOW)).toBe(false);
    expect(isCapped(last, { kind: 'oncePerCampaign' }, NOW)).toBe(true);
    expect(isCapped(last, { kind: 'oncePerDays', days: 30 }, NOW)).toBe(true);
    expect(isCapped(last, { kind: 'oncePerDays', days: 10 }, NOW)).toBe(false);
  });

  it('keeps grants and points inside the budget', () => {
    expect(fitsBudget({ grants: 2, points: 200 }, { maxGrants: 3 }, { kind: 'points', points: 100 })).toBe(true);
    expect(fitsBudget({ grants: 3, points: 300 }, { maxGrants: 3 }, { kind: 'points', points: 100 })).toBe(false);
    expect(fitsBudget({ grants: 2, points: 250 }, { maxPoints: 300 }, { kind: 'points', points: 100 })).toBe(false);
    expect(fitsBudget({ grants: 99, points: 0 }, { maxPoints: 1 }, { kind: 'multiplier', permille: 2000, days: 7 })).toBe(true);
  });

  it('applies multipliers only inside their window, one per campaign', () => {
    const g = (campaignId: string, fromDay: number, untilDay: number, permille = 2000) => ({ campaignId, runId: `${campaignId}-r1`, permille, from: new Date(NOW.getTime() + fromDay * DAY), until: new Date(NOW.getTime() + untilDay * DAY) });
    expect(activeMultipliers([g('a', -1, 1), g('b', 1, 3), g('c', -5, -1)], NOW)).toEqual([2000]);
    expect(withMultiplier([g('a', -1, 1), g('c', -5, -1)], g('a', 0, 7, 1500), NOW).map((x) => `${x.campaignId}:${x.permille}`)).toEqual(['a:1500']);
  });
});
