/** Demo coupon templates, a group-buy deal and referral settings, with windows around `now`. */
const DAY = 86_400_000;

function window(now: Date): { from: string; until: string } {
  return { from: new Date(now.getTime() - 30 * DAY).toISOString(), until: new Date(now.getTime() + 365 * DAY).toISOString() };
}

export function demoCouponTemplates(now: Date): Array<Record<string, unknown>> {
  const claimWindow = window(now);
  return [
    { templateId: 'full100-20', title: '满100减20', benefit: { kind: 'cash_off', thresholdFen: 10_000, amountOffFen: 2_000 }, totalStock: 1000, perMemberLimit: 1, claimWindow, validity: { kind: 'relative', days: 7 }, tiers: [], stackable: false, pointsPrice: 0, visibility: 'public', active: true },
    { templateId: 'silver-85', title: '白银会员85折', benefit: { kind: 'percent_off', thresholdFen: 0, discountPermille: 150, capFen: 5_000 }, totalStock: 500, perMemberLimit: 2, claimWindow, validity: { kind: 'fixed', ...claimWindow }, tiers: ['silver', 'gold', 'jade', 'platinum'], stackable: true, pointsPrice: 300, visibility: 'public', active: true },
    { templateId: 'free-shipping', title: '包邮券', benefit: { kind: 'free_shipping', thresholdFen: 0 }, totalStock: 2000, perMemberLimit: 3, claimWindow, validity: { kind: 'relative', days: 30 }, tiers: [], stackable: true, pointsPrice: 0, visibility: 'public', active: true },
    { templateId: 'gift-tote', title: '帆布袋礼品券', benefit: { kind: 'gift', thresholdFen: 0, giftLabel: '品牌帆布袋' }, totalStock: 0, perMemberLimit: 1, claimWindow, validity: { kind: 'relative', days: 30 }, tiers: [], stackable: true, pointsPrice: 0, visibility: 'hidden', active: true },
  ];
}

export function demoGroupBuyDeal(now: Date): Record<string, unknown> {
  return { dealId: 'milk-tea-3', productLabel: '招牌奶茶双杯', description: '3人成团，每人得帆布袋兑换券', groupPriceFen: 1990, originalPriceFen: 3600, groupSize: 3, fillHours: 24, window: window(now), groupStock: 200, entitlementTemplateId: 'gift-tote', active: true };
}

export const DEMO_REFERRAL_SETTINGS = { enabled: true, attributionWindowDays: 7, qualifyingMinFen: 3000, inviteePoints: 100, inviterPoints: 200, inviteeCouponTemplateId: 'full100-20', inviterCouponTemplateId: null, inviterMonthlyCap: 10 };
