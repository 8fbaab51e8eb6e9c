import type { TierDefinition } from '../../../../typings/domain';

/**
 * The default five-level ladder of seed 001, 青铜 to 白金; growth is 1 per yuan of qualifying spend
 * in the rolling window. Every colour reaches 4.5:1 with the text colour the card picks
 * (test/unit/tier-contrast.test.ts). Perks are only what the system actually does.
 */
export const DEFAULT_TIERS: TierDefinition[] = [
  { code: 'bronze', name: '青铜', color: '#b08d57', threshold: 0, benefits: { pointsMultiplierPermille: 1000, birthdayGiftPoints: 0, perks: ['消费积分'] } },
  { code: 'silver', name: '白银', color: '#a8a9ad', threshold: 1000, benefits: { pointsMultiplierPermille: 1200, birthdayGiftPoints: 100, perks: ['1.2倍积分', '生日礼'] } },
  { code: 'gold', name: '黄金', color: '#d4af37', threshold: 5000, benefits: { pointsMultiplierPermille: 1500, birthdayGiftPoints: 300, perks: ['1.5倍积分', '生日礼', '会员专享券'] } },
  { code: 'jade', name: '翡翠', color: '#1f7a5c', threshold: 15000, benefits: { pointsMultiplierPermille: 1800, birthdayGiftPoints: 800, perks: ['1.8倍积分', '生日礼', '会员专享券'] } },
  { code: 'platinum', name: '白金', color: '#4a4f5c', threshold: 40000, benefits: { pointsMultiplierPermille: 2000, birthdayGiftPoints: 2000, perks: ['2倍积分', '生日礼', '会员专享券'] } },
];
