import { z } from 'zod';
import { documentId } from '../../platform/schemas';
import { audienceRule } from './rule-schema';

/**
 * The campaign definition as `campaign.create` / `campaign.update` validate it. Pure zod (no SDK),
 * so the web console's editor validates with these same schemas before it sends anything.
 */
export const campaignId = documentId;
export const isoDate = z.iso.datetime({ offset: true });
export const campaignReward = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('points'), points: z.number().int().min(1).max(1_000_000) }),
  z.strictObject({ kind: z.literal('multiplier'), permille: z.number().int().min(1001).max(10_000), days: z.number().int().min(1).max(366) }),
  z.strictObject({ kind: z.literal('coupon'), templateId: documentId }),
]);
/** A/B variants: 2–5 rewards, each given to a share of the audience (docs/campaigns.md). */
export const campaignVariants = z
  .array(z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, 'variant code: letters, digits, _ or -, up to 16'), reward: campaignReward }))
  .min(2)
  .max(5)
  .refine((list) => new Set(list.map((v) => v.code)).size === list.length, 'variant codes must differ');
export const campaignFrequency = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('oncePerCampaign') }),
  z.strictObject({ kind: z.literal('oncePerDays'), days: z.number().int().min(1).max(3650) }),
]);
export const campaignDefinition = {
  name: z.string().trim().min(1).max(40),
  description: z.string().trim().max(200),
  audience: audienceRule,
  reward: campaignReward,
  variants: campaignVariants.optional(),
  budget: z.strictObject({ maxGrants: z.number().int().min(1).optional(), maxPoints: z.number().int().min(1).optional() }),
  frequency: campaignFrequency,
  schedule: z.strictObject({ startAt: isoDate, endAt: isoDate }),
  holdoutPercent: z.number().int().min(0).max(50),
};
/** `campaign.create`'s input. */
export const createCampaignInput = z.strictObject({ campaignId, ...campaignDefinition });
