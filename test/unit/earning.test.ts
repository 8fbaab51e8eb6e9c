import fc from 'fast-check';
import { growthForPurchase, pointsForPurchase, proportionalReversal } from '../../cloudfunctions/shared/domain/points/earning';

describe('earning rules', () => {
  it('computes integer points from fen with tier and campaign multipliers, flooring once', () => {
    expect(pointsForPurchase({ amountFen: 12_345, pointsPerYuan: 1, tierMultiplierPermille: 1000 })).toBe(123);
    expect(pointsForPurchase({ amountFen: 12_345, pointsPerYuan: 1, tierMultiplierPermille: 1500 })).toBe(185);
    expect(pointsForPurchase({ amountFen: 10_000, pointsPerYuan: 2, tierMultiplierPermille: 1200, campaignMultipliersPermille: [2000] })).toBe(480);
    expect(pointsForPurchase({ amountFen: 99, pointsPerYuan: 1, tierMultiplierPermille: 1000 })).toBe(0);
  });

  it('stays exact for the largest accepted order with stacked multipliers', () => {
    expect(pointsForPurchase({ amountFen: 10_000_000_000, pointsPerYuan: 1000, tierMultiplierPermille: 100_000, campaignMultipliersPermille: [100_000, 100_000] })).toBe(100_000_000 * 1000 * 100 * 100 * 100);
  });

  it('is monotonic in the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1000, max: 3000 }), (a, extra, mult) => {
        expect(pointsForPurchase({ amountFen: a + extra, pointsPerYuan: 1, tierMultiplierPermille: mult })).toBeGreaterThanOrEqual(pointsForPurchase({ amountFen: a, pointsPerYuan: 1, tierMultiplierPermille: mult }));
      }),
    );
  });

  it('gives growth per whole yuan', () => {
    expect(growthForPurchase(12_399, 1)).toBe(123);
  });

  it('partial refunds add up to exactly the order points when the order is fully refunded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 0, max: 1e5 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 }), (orderFen, points, weights) => {
        const total = weights.reduce((a, b) => a + b, 0);
        let refunded = 0;
        let reversed = 0;
        weights.forEach((w, i) => {
          const part = i === weights.length - 1 ? orderFen - refunded : Math.floor((orderFen * w) / total);
          const r = proportionalReversal(points, orderFen, refunded, part, reversed);
          expect(r).toBeGreaterThanOrEqual(0);
          refunded += part;
          reversed += r;
        });
        expect(refunded).toBe(orderFen);
        expect(reversed).toBe(points);
      }),
    );
  });
});
