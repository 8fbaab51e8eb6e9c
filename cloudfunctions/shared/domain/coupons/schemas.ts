import { z } from 'zod';
import { fen } from '../../platform/schemas';

/** Input schemas for coupon definitions, shared by the coupon function's admin action. */
export const slugId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,19}$/, 'use 1-20 of a-z, 0-9, _ or - (starting with a letter or digit)');
const threshold = z.number().int().min(0).max(100_000_000_00);
const instant = z.iso.datetime({ offset: true });

export const couponBenefit = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cash_off'), thresholdFen: threshold, amountOffFen: fen }),
  z.strictObject({ kind: z.literal('percent_off'), thresholdFen: threshold, discountPermille: z.number().int().min(1).max(999), capFen: fen.nullable() }),
  z.strictObject({ kind: z.literal('gift'), thresholdFen: threshold, giftLabel: z.string().trim().min(1).max(32) }),
  z.strictObject({ kind: z.literal('free_shipping'), thresholdFen: threshold }),
]);

export const couponTemplateInput = z.strictObject({
  templateId: slugId,
  title: z.string().trim().min(1).max(32),
  description: z.string().max(200).optional(),
  benefit: couponBenefit,
  totalStock: z.number().int().min(0).max(10_000_000),
  perMemberLimit: z.number().int().min(1).max(99),
  claimWindow: z.strictObject({ from: instant, until: instant }),
  validity: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed'), from: instant, until: instant }),
    z.strictObject({ kind: z.literal('relative'), days: z.number().int().min(1).max(366) }),
  ]),
  tiers: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/)).max(10),
  stackable: z.boolean(),
  pointsPrice: z.number().int().min(0).max(10_000_000),
  visibility: z.enum(['public', 'hidden']),
  active: z.boolean(),
});
