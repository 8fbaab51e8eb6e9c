import type { BenefitsView, TierRetention } from '../../typings/api';
import { formatDate } from './dates';

/** One column of the side-by-side comparison. */
export interface TierColumn {
  code: string;
  name: string;
  color: string;
  /** Text colour readable on `color` (the server picks it, as for the card). */
  textColor: string;
  /** "成长值 5000" or "入会即享". */
  threshold: string;
  multiplier: string;
  birthdayGift: string;
  perks: string[];
  current: boolean;
}

export function tierColumns(view: BenefitsView): TierColumn[] {
  return view.tiers.map((tier) => ({
    code: tier.code,
    name: tier.name,
    color: tier.color,
    textColor: tier.textColor,
    threshold: tier.threshold === 0 ? '入会即享' : `成长值 ${tier.threshold}`,
    multiplier: `${tier.benefits.pointsMultiplierPermille / 1000} 倍积分`,
    birthdayGift: tier.benefits.birthdayGiftPoints > 0 ? `生日礼 ${tier.benefits.birthdayGiftPoints} 积分` : '—',
    perks: tier.benefits.perks,
    current: view.member?.tier === tier.code,
  }));
}

/** "2027-01-01 复核：还需 3000 成长值保持 黄金，否则降为 白银" or the safe line. */
export function retentionText(retention: TierRetention, tierName: string): string {
  const date = formatDate(retention.reviewAt);
  if (retention.neededToKeep === 0) return `${date} 复核：当前成长值已可保持 ${tierName}`;
  return `${date} 前还需 ${retention.neededToKeep} 成长值保持 ${tierName}，否则降为 ${retention.dropsTo.name}`;
}
