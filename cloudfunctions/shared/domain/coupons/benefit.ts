import type { CouponBenefit } from '../../../../typings/api/coupon';
import { AppError } from '../../platform/app-error';

export interface DiscountResult {
  discountFen: number;
  giftLabel: string | null;
  freeShipping: boolean;
}

/**
 * What a coupon takes off `amountFen` (integer fen). Percentages round the discount down to the
 * fen (the shopper never gets a fraction of a fen more than the rate) and never exceed the cap or
 * the amount itself. Refuses below the minimum spend.
 */
export function discountFor(benefit: CouponBenefit, amountFen: number): DiscountResult {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new AppError('INVALID_INPUT', 'amount must be a non-negative integer of fen');
  if (amountFen < benefit.thresholdFen) {
    throw new AppError('COUPON_THRESHOLD_NOT_MET', `未满 ${(benefit.thresholdFen / 100).toFixed(2)} 元，不能使用该券`, { thresholdFen: benefit.thresholdFen, amountFen });
  }
  switch (benefit.kind) {
    case 'cash_off':
      return { discountFen: Math.min(benefit.amountOffFen, amountFen), giftLabel: null, freeShipping: false };
    case 'percent_off': {
      // BigInt keeps the product exact for any fen amount the schemas allow.
      const raw = Number((BigInt(amountFen) * BigInt(benefit.discountPermille)) / 1000n);
      const capped = benefit.capFen === null ? raw : Math.min(raw, benefit.capFen);
      return { discountFen: Math.min(capped, amountFen), giftLabel: null, freeShipping: false };
    }
    case 'gift':
      return { discountFen: 0, giftLabel: benefit.giftLabel, freeShipping: false };
    case 'free_shipping':
      return { discountFen: 0, giftLabel: null, freeShipping: true };
  }
}

/** Problems with an admin-defined benefit (empty = valid). */
export function benefitProblems(benefit: CouponBenefit): string[] {
  const problems: string[] = [];
  if (benefit.kind === 'cash_off' && benefit.thresholdFen > 0 && benefit.amountOffFen > benefit.thresholdFen) {
    problems.push('benefit.amountOffFen must not exceed thresholdFen');
  }
  if (benefit.kind === 'percent_off' && (benefit.discountPermille < 1 || benefit.discountPermille > 999)) {
    problems.push('benefit.discountPermille must be 1-999');
  }
  return problems;
}
