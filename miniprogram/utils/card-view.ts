import type { MemberCard } from '../../typings/domain';

/** "还差 120 成长值升级为 黄金", or the top-tier line. */
export function progressText(card: MemberCard): string {
  if (!card.nextTier) return `已是最高等级 ${card.tier.name}`;
  return `还差 ${card.nextTier.missing} 成长值升级为 ${card.nextTier.name}`;
}

/** 0-100, growth towards the next tier's threshold. */
export function progressPercent(card: MemberCard): number {
  if (!card.nextTier || card.nextTier.threshold <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((card.growth * 100) / card.nextTier.threshold)));
}
