import fc from 'fast-check';
import type { AudienceRule, LifecycleStage } from '../../typings/api';
import { LIFECYCLE_STAGES } from '../../typings/api/campaign';
import { ruleTree } from '../support/rule-arbitrary';
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import { command } from '../../cloudfunctions/shared/data/database';
import type { Where } from '../../cloudfunctions/shared/data/store';
import { audienceQuery } from '../../cloudfunctions/shared/domain/campaigns/audience-query';
import { evaluate, type MemberFacts } from '../../cloudfunctions/shared/domain/campaigns/rules';
import { birthMonthOf } from '../../cloudfunctions/shared/domain/members/birthday';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { find, insert } from '../support/inspect';

/**
 * The compiled audience query is a sound superset of the rule: for random rules over a random
 * population stored in the emulator, (members the query returns, then the rule) is exactly (every
 * member, then the rule). The query runs through the real SDK and the emulator's query engine.
 */
const DAY = 86_400_000;
const NOW = new Date('2026-03-10T10:00:00+08:00');
const TIERS = ['bronze', 'silver', 'gold', 'platinum'];
const TAGS = ['vip', 'staff', 'b2b'];

interface Stored {
  _id: string;
  status: 'active';
  cardNo: string;
  tier: string;
  tags?: string[];
  birthday: string | null;
  birthMonth: string | null;
  joinedAt: Date;
  stats: { lastPurchaseAt: Date | null };
  stage: LifecycleStage;
  spend: number;
}

// Day offsets with a few milliseconds either side of a whole day, to hit the floor() boundaries.
const instant = fc.tuple(fc.integer({ min: -2, max: 500 }), fc.constantFrom(-1, 0, 1, 3_600_000, DAY / 2)).map(([d, ms]) => new Date(NOW.getTime() - d * DAY - ms));
const birthday = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.boolean()).map(([m, withYear]) => `${withYear ? '1990-' : ''}${String(m).padStart(2, '0')}-15`);
const member = fc.record({
  tier: fc.constantFrom(...TIERS),
  tags: fc.option(fc.uniqueArray(fc.constantFrom(...TAGS)), { nil: undefined }),
  birthday: fc.option(birthday, { nil: null }),
  joinedAt: instant,
  lastPurchaseAt: fc.option(instant, { nil: null }),
  stage: fc.constantFrom<LifecycleStage>(...LIFECYCLE_STAGES),
  spend: fc.integer({ min: 0, max: 50_000 }),
});

const days = fc.integer({ min: 0, max: 400 });
const leaf: fc.Arbitrary<AudienceRule> = fc.oneof(
  fc.record({ tiers: fc.uniqueArray(fc.constantFrom(...TIERS), { minLength: 1 }) }),
  fc.record({ stages: fc.uniqueArray(fc.constantFrom<LifecycleStage>(...LIFECYCLE_STAGES), { minLength: 1 }) }),
  fc.oneof(
    days.map((min) => ({ daysSinceLastPurchase: { min } })),
    days.map((max) => ({ daysSinceLastPurchase: { max } })),
    fc.tuple(days, days).map(([a, b]) => ({ daysSinceLastPurchase: { min: Math.min(a, b), max: Math.max(a, b) } })),
  ),
  fc.record({ birthdayInMonth: fc.oneof(fc.constant('current' as const), fc.integer({ min: 1, max: 12 })) }),
  fc.record({ joinedWithinDays: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ tags: fc.uniqueArray(fc.constantFrom(...TAGS), { minLength: 1 }), match: fc.constantFrom<'any' | 'all'>('any', 'all') }),
  fc.record({ spendInWindow: fc.record({ days: fc.constant(30), minFen: fc.integer({ min: 0, max: 50_000 }) }) }),
);
const rule = ruleTree(leaf);

function factsOf(m: Stored): MemberFacts {
  return {
    memberId: m._id,
    tier: m.tier,
    stage: m.stage,
    rfm: null,
    joinedAt: m.joinedAt,
    lastPurchaseAt: m.stats.lastPurchaseAt,
    birthday: m.birthday,
    tags: m.tags ?? [],
    spendByWindow: { 30: m.spend },
  };
}

let emu: TestEmulator;
let population: Stored[];

beforeAll(async () => {
  emu = await startTestEmulator();
  population = fc.sample(member, { numRuns: 300, seed: 15 }).map((m, i) => ({
    _id: `m${String(i).padStart(4, '0')}`,
    status: 'active' as const,
    cardNo: `C${String(i).padStart(8, '0')}`,
    tier: m.tier,
    ...(m.tags === undefined ? {} : { tags: m.tags }),
    birthday: m.birthday,
    birthMonth: birthMonthOf(m.birthday),
    joinedAt: m.joinedAt,
    stats: { lastPurchaseAt: m.lastPurchaseAt },
    stage: m.stage,
    spend: m.spend,
  }));
  for (const m of population) await insert(COLLECTIONS.members, m);
}, 60_000);

afterAll(async () => {
  await emu?.close();
});

const ids = (members: Stored[], r: AudienceRule) => members.filter((m) => evaluate(r, factsOf(m), NOW)).map((m) => m._id).sort();

describe('audienceQuery', () => {
  it('compiled query, then the rule, selects exactly the members the rule alone selects', async () => {
    await fc.assert(
      fc.asyncProperty(rule, async (r) => {
        const compiled = audienceQuery(r, NOW);
        const _ = command();
        const walk: Where = { status: 'active', _id: _.gt('') };
        const fetched = await find<Stored>(COLLECTIONS.members, compiled ? (_.and([walk, compiled]) as unknown as Where) : walk, { limit: 1000 });
        expect(ids(fetched, r)).toEqual(ids(population, r));
      }),
      { numRuns: 150, seed: 1515 },
    );
  }, 120_000);

  it('narrows on tiers, tags, join date, last purchase and birthday month, and not on stages', async () => {
    const _ = command();
    const gold = (await find<Stored>(COLLECTIONS.members, audienceQuery({ tiers: ['gold'] }, NOW) as Where, { limit: 1000 })).length;
    expect(gold).toBe(population.filter((m) => m.tier === 'gold').length);
    expect(audienceQuery({ stages: ['new'] }, NOW)).toBeNull();
    expect(audienceQuery({ any: [{ tiers: ['gold'] }, { stages: ['new'] }] }, NOW)).toBeNull();
    expect(audienceQuery({ all: [{ tiers: ['gold'] }, { stages: ['new'] }] }, NOW)).toEqual({ tier: _.in(['gold']) });
    for (const r of [{ tags: ['vip'] }, { joinedWithinDays: 30 }, { daysSinceLastPurchase: { max: 30 } }, { birthdayInMonth: 3 }] as AudienceRule[]) {
      const fetched = await find<Stored>(COLLECTIONS.members, audienceQuery(r, NOW) as Where, { limit: 1000 });
      expect(fetched.length).toBeLessThan(population.length);
    }
  });
});
