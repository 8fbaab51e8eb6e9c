import type { OfferView } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { CampaignCapDoc } from '../../data/documents';
import { getById } from '../../data/store';
import { requireMemberByOpenid } from '../members/directory';
import { loadSegmentSettings } from '../segments/settings';
import { loadConfiguration } from '../settings/service';
import { toIso } from '../time/calendar';
import { listCampaigns } from './catalogue';
import { factsFor } from './facts';
import { grantIds } from './grant';
import { rewardFor } from './variants';
import { isApproved } from './approval';
import { inHoldout } from './holdout';
import { isCapped, inSchedule } from './policy';
import { explain } from './rules';

/**
 * The shopper's "which offers can I see?": active campaigns in their window whose audience the
 * member matches, evaluated by the same engine as a run. Members in a campaign's control group
 * do not see it (showing it would contaminate the holdout). `granted` marks offers already
 * received and not yet available again under the frequency cap.
 */
export async function offersFor(openid: string, now: Date): Promise<OfferView[]> {
  const member = await requireMemberByOpenid(openid);
  const [campaigns, config, settings] = await Promise.all([listCampaigns({ status: 'active' }), loadConfiguration(), loadSegmentSettings()]);
  const labels = { tierName: (code: string) => config.tiers.find((t) => t.code === code)?.name ?? code };
  const offers: OfferView[] = [];
  for (const campaign of campaigns) {
    if (!isApproved(campaign) || !inSchedule(campaign, now) || inHoldout(campaign._id, member._id, campaign.holdoutPercent)) continue;
    const [facts] = await factsFor([member], campaign.audience, settings, now);
    const reason = explain(campaign.audience, facts, labels, now);
    if (reason === null) continue;
    const cap = await getById<CampaignCapDoc>(COLLECTIONS.campaignCaps, grantIds.cap(campaign._id, member._id));
    offers.push({
      campaignId: campaign._id,
      name: campaign.name,
      description: campaign.description,
      reward: rewardFor(campaign, member._id).reward,
      endsAt: toIso(new Date(campaign.endAt)),
      reason,
      granted: isCapped(cap, campaign.frequency, now),
    });
  }
  return offers;
}
