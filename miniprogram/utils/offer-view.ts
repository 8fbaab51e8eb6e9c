import type { CampaignReward, OfferView } from '../../typings/api';
import { formatDate } from './dates';

export function rewardText(reward: CampaignReward): string {
  if (reward.kind === 'points') return `赠送 ${reward.points} 积分`;
  if (reward.kind === 'coupon') return '赠送优惠券';
  return `${reward.days} 天内消费积分 ${Number((reward.permille / 1000).toFixed(3))} 倍`;
}

export interface OfferRow {
  id: string;
  name: string;
  description: string;
  reward: string;
  reason: string;
  endsAt: string;
  granted: boolean;
}

export function offerRow(offer: OfferView): OfferRow {
  return {
    id: offer.campaignId,
    name: offer.name,
    description: offer.description,
    reward: rewardText(offer.reward),
    reason: offer.reason,
    endsAt: `${formatDate(offer.endsAt)} 结束`,
    granted: offer.granted,
  };
}
