import { createHash } from 'node:crypto';
import type { CampaignReward } from '../../../../typings/api';
import type { CampaignDoc } from '../../data/documents';

/**
 * A/B split: which of a campaign's reward variants a (non-holdout) member gets. Deterministic
 * (a hash of campaign and member, salted apart from the holdout's hash so the two draws are
 * independent), so preview, every run and `offers` agree and a member keeps their variant.
 */
export function variantIndex(campaignId: string, memberId: string, variants: number): number {
  if (variants <= 1) return 0;
  const bucket = createHash('sha256').update(`variant:${campaignId}:${memberId}`).digest().readUInt32BE(0);
  return bucket % variants;
}

/** The reward a member gets from a campaign: their variant's in an A/B test, else the campaign's. */
export function rewardFor(campaign: Pick<CampaignDoc, '_id' | 'reward' | 'variants'>, memberId: string): { reward: CampaignReward; variant: string | null } {
  const variants = campaign.variants ?? [];
  if (variants.length < 2) return { reward: campaign.reward, variant: null };
  const chosen = variants[variantIndex(campaign._id, memberId, variants.length)];
  return { reward: chosen.reward, variant: chosen.code };
}
