import { DEFAULT_TIERS } from '../../cloudfunctions/shared/domain/tiers/defaults';
import { downgradeFor, ladderProblems, nextTier, pruneGrowth, rollingGrowth, tierForGrowth, upgradeFor } from '../../cloudfunctions/shared/domain/tiers/ladder';

const now = new Date('2026-11-23T10:00:00+08:00');

describe('tier ladder', () => {
  it('sums growth over the 12 calendar months ending with the current one', () => {
    const byMonth = { '2025-11': 500, '2025-12': 100, '2026-11': 50, '2026-06': 7 };
    expect(rollingGrowth(byMonth, now)).toBe(157);
    expect(pruneGrowth(byMonth, now)).toEqual({ '2025-12': 100, '2026-11': 50, '2026-06': 7 });
  });

  it('follows seed 001: five levels, 青铜 to 白金', () => {
    expect(DEFAULT_TIERS.map((t) => t.name)).toEqual(['青铜', '白银', '黄金', '翡翠', '白金']);
  });

  it('upgrades immediately, possibly by several levels, and never downgrades on purchase', () => {
    expect(upgradeFor(DEFAULT_TIERS, 'bronze', 999)).toBeNull();
    expect(upgradeFor(DEFAULT_TIERS, 'bronze', 1000)?.code).toBe('silver');
    expect(upgradeFor(DEFAULT_TIERS, 'bronze', 20_000)?.code).toBe('jade');
    expect(upgradeFor(DEFAULT_TIERS, 'gold', 10)).toBeNull();
    expect(tierForGrowth(DEFAULT_TIERS, 40_000).code).toBe('platinum');
  });

  it('shows what is missing to reach the next tier', () => {
    expect(nextTier(DEFAULT_TIERS, 'silver', 3200)).toEqual({ code: 'gold', name: '黄金', threshold: 5000, missing: 1800 });
    expect(nextTier(DEFAULT_TIERS, 'platinum', 90_000)).toBeNull();
  });

  it('downgrades one level at a time, only after protection and on the review date', () => {
    const past = new Date('2026-01-01T00:00:00+08:00');
    const future = new Date('2027-01-01T00:00:00+08:00');
    expect(downgradeFor(DEFAULT_TIERS, 'platinum', 0, past, past, now)?.code).toBe('jade');
    expect(downgradeFor(DEFAULT_TIERS, 'platinum', 0, future, past, now)).toBeNull();
    expect(downgradeFor(DEFAULT_TIERS, 'platinum', 0, past, future, now)).toBeNull();
    expect(downgradeFor(DEFAULT_TIERS, 'gold', 5000, past, past, now)).toBeNull();
    expect(downgradeFor(DEFAULT_TIERS, 'bronze', 0, null, past, now)).toBeNull();
  });

  it('rejects ladders with duplicate codes, no base tier or falling multipliers', () => {
    expect(ladderProblems(DEFAULT_TIERS)).toEqual([]);
    const broken = DEFAULT_TIERS.map((t) => ({ ...t, threshold: t.threshold + 1 }));
    expect(ladderProblems(broken)).toContain('the lowest tier must have threshold 0');
    expect(ladderProblems([DEFAULT_TIERS[0], DEFAULT_TIERS[0]]).join()).toMatch(/duplicate tier code/);
    const falling = [DEFAULT_TIERS[0], { ...DEFAULT_TIERS[1], benefits: { ...DEFAULT_TIERS[1].benefits, pointsMultiplierPermille: 500 } }];
    expect(ladderProblems(falling).join()).toMatch(/lower multiplier/);
  });
});
