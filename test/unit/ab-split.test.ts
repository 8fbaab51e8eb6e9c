import fc from 'fast-check';
import { variantIndex } from '../../cloudfunctions/shared/domain/campaigns/variants';
import { inHoldout } from '../../cloudfunctions/shared/domain/campaigns/holdout';
import { normalCdf, twoProportionZTest } from '../../cloudfunctions/shared/domain/stats/two-proportion';

const memberId = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/);

describe('A/B variant split', () => {
  it('is deterministic and in range for any member, campaign and variant count', () => {
    fc.assert(
      fc.property(memberId, memberId, fc.integer({ min: 1, max: 5 }), (campaign, member, n) => {
        const index = variantIndex(campaign, member, n);
        expect(index).toBe(variantIndex(campaign, member, n));
        expect(index).toBeGreaterThanOrEqual(0);
        expect(index).toBeLessThan(n);
      }),
    );
  });

  it('splits a base evenly: each of 2-5 variants gets its share within 5 standard deviations', () => {
    fc.assert(
      fc.property(memberId, fc.integer({ min: 2, max: 5 }), (campaign, n) => {
        const size = 4000;
        const counts = new Array<number>(n).fill(0);
        for (let i = 0; i < size; i += 1) counts[variantIndex(campaign, `m${i}`, n)] += 1;
        const p = 1 / n;
        const sd = Math.sqrt(size * p * (1 - p));
        for (const c of counts) expect(Math.abs(c - size * p)).toBeLessThan(5 * sd);
      }),
      { numRuns: 20 },
    );
  });

  it('is independent of the holdout draw: variants are balanced inside and outside the holdout', () => {
    const size = 8000;
    const outside = [0, 0];
    const inside = [0, 0];
    for (let i = 0; i < size; i += 1) {
      const m = `member_${i}`;
      (inHoldout('spring', m, 20) ? inside : outside)[variantIndex('spring', m, 2)] += 1;
    }
    for (const group of [inside, outside]) {
      const n = group[0] + group[1];
      expect(Math.abs(group[0] - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
    }
  });
});

describe('two-proportion z-test', () => {
  it('normal CDF matches table values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1)).toBeCloseTo(0.841345, 5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalCdf(-2.575829)).toBeCloseTo(0.005, 5);
  });

  it('matches a hand calculation: 140/200 vs 255/340', () => {
    // pooled p = 395/540 = 0.7314815; se = sqrt(p(1-p)(1/200+1/340)) = 0.0394940;
    // z = (0.70 - 0.75) / se = -1.266015; two-sided p = 2 × Φ(-1.266015) = erfc(1.266015 / √2) = 0.205508.
    const result = twoProportionZTest(140, 200, 255, 340);
    expect(result?.z).toBeCloseTo(-1.266, 3);
    expect(result?.pValue).toBeCloseTo(0.2055, 3);
    expect(result?.significant).toBe(false);
  });

  it('flags a clear difference as significant: 120/1000 vs 80/1000', () => {
    // pooled 0.1; se = sqrt(0.1 × 0.9 × 0.002) = 0.0134164; z = 0.04 / se = 2.98142; p = 0.002869.
    const result = twoProportionZTest(120, 1000, 80, 1000);
    expect(result?.z).toBeCloseTo(2.9814, 3);
    expect(result?.pValue).toBeCloseTo(0.0029, 3);
    expect(result?.significant).toBe(true);
  });

  it('answers null when there is nothing to test', () => {
    expect(twoProportionZTest(0, 0, 3, 10)).toBeNull();
    expect(twoProportionZTest(0, 10, 0, 10)).toBeNull();
    expect(twoProportionZTest(10, 10, 5, 5)).toBeNull();
  });
});
