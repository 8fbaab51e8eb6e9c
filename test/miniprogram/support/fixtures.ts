import type { ClaimableTemplate, CouponView, GroupDealView, GroupView, OfferView, ReferralSummary } from '../../../typings/api';
import type { LedgerEntryView, MemberCard, MemberSummary } from '../../../typings/domain';

export function memberCard(overrides: Partial<MemberCard> = {}): MemberCard {
  return {
    memberId: 'm_1',
    cardNo: '8100001234',
    nickname: '小明',
    joinedAt: '2026-01-02T03:04:05.000Z',
    tier: { code: 'silver', name: '白银', color: '#a8a9ad', textColor: '#1a1a1a', benefits: { pointsMultiplierPermille: 1000, birthdayGiftPoints: 0, perks: [] } },
    growth: 380,
    nextTier: { code: 'gold', name: '黄金', threshold: 500, missing: 120 },
    tierProtectedUntil: null,
    points: { available: 1234, pending: 56, debt: 0, expiringSoon: { points: 78, withinDays: 30, earliestAt: '2026-12-31T15:59:59.000Z' } },
    profile: { nickname: '小明', birthday: '05-20', phoneMasked: '138****0000', consentVersion: '2026-11' },
    ...overrides,
  };
}

export function ledgerEntries(count: number, from = 0): LedgerEntryView[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `e_${from + i}`,
    type: (['earn', 'redeem', 'expire', 'refund_reversal', 'adjust'] as const)[(from + i) % 5],
    delta: (from + i) % 5 === 0 ? 10 : -5,
    debtDelta: 0,
    balanceAfter: 100,
    createdAt: '2026-03-10T02:00:00.000Z',
    orderNo: (from + i) % 5 === 0 ? `SO${from + i}` : null,
    reason: null,
    pendingUntil: null,
  }));
}

export function memberSummary(overrides: Partial<MemberSummary> = {}): MemberSummary {
  return {
    memberId: 'm_1',
    maskedName: '王**',
    cardNoMasked: '81******1234',
    tier: { code: 'gold', name: '黄金', color: '#d4af37', textColor: '#1a1a1a', benefits: { pointsMultiplierPermille: 1500, birthdayGiftPoints: 0, perks: [] } },
    points: { available: 300, pending: 20 },
    ...overrides,
  };
}

export function couponTemplate(overrides: Partial<ClaimableTemplate> = {}): ClaimableTemplate {
  return {
    templateId: 'tpl_cash20',
    title: '满100减20',
    description: '全场通用',
    benefit: { kind: 'cash_off', thresholdFen: 10000, amountOffFen: 2000 },
    totalStock: 100,
    remainingStock: 42,
    perMemberLimit: 1,
    claimWindow: { from: '2026-01-01T00:00:00.000Z', until: '2027-01-01T00:00:00.000Z' },
    validity: { kind: 'relative', days: 7 },
    tiers: [],
    stackable: false,
    pointsPrice: 0,
    visibility: 'public',
    active: true,
    claimable: true,
    reason: null,
    claimedByMe: 0,
    ...overrides,
  };
}

export function coupon(overrides: Partial<CouponView> = {}): CouponView {
  return {
    couponId: 'c_1',
    templateId: 'tpl_cash20',
    title: '满100减20',
    description: '全场通用',
    benefit: { kind: 'cash_off', thresholdFen: 10000, amountOffFen: 2000 },
    stackable: false,
    source: 'claim',
    status: 'usable',
    claimedAt: '2026-03-01T02:00:00.000Z',
    validFrom: '2026-03-01T02:00:00.000Z',
    expiresAt: '2026-03-31T15:59:59.999Z',
    expiringSoon: false,
    notYetValid: false,
    usedAt: null,
    ...overrides,
  };
}

export function groupDeal(overrides: Partial<GroupDealView> = {}): GroupDealView {
  return {
    dealId: 'deal_tea',
    productLabel: '招牌奶茶双杯',
    description: '两杯招牌奶茶',
    groupPriceFen: 1990,
    originalPriceFen: 3600,
    groupSize: 3,
    fillHours: 24,
    window: { from: '2026-01-01T00:00:00.000Z', until: '2027-01-01T00:00:00.000Z' },
    groupStock: 10,
    groupsLeft: 7,
    entitlement: { templateId: 'tpl_tea', title: '奶茶双杯券' },
    active: true,
    startable: true,
    myGroupId: null,
    ...overrides,
  };
}

export function group(overrides: Partial<GroupView> = {}): GroupView {
  return {
    groupId: 'g_1',
    dealId: 'deal_tea',
    productLabel: '招牌奶茶双杯',
    groupPriceFen: 1990,
    originalPriceFen: 3600,
    status: 'open',
    size: 3,
    slotsLeft: 2,
    members: [{ maskedName: '张**', leader: true, joinedAt: '2026-03-10T02:00:00.000Z' }],
    createdAt: '2026-03-10T02:00:00.000Z',
    expiresAt: new Date(Date.now() + 3_723_000).toISOString(),
    completedAt: null,
    joinedByMe: false,
    myCouponId: null,
    paidMembers: 0,
    myPayment: null,
    ...overrides,
  };
}

export function referralSummary(overrides: Partial<ReferralSummary> = {}): ReferralSummary {
  return {
    inviteCode: 'ABC123',
    invited: 3,
    converted: 1,
    rewardPoints: 200,
    rewardCoupons: 1,
    rewardedThisMonth: 1,
    monthlyCap: 10,
    recent: [
      { maskedName: '李*', status: 'converted', invitedAt: '2026-03-01T02:00:00.000Z', convertedAt: '2026-03-05T02:00:00.000Z', inviterRewarded: true },
      { maskedName: '赵**', status: 'attributed', invitedAt: '2026-03-02T02:00:00.000Z', convertedAt: null, inviterRewarded: false },
    ],
    ...overrides,
  };
}

export function offer(overrides: Partial<OfferView> = {}): OfferView {
  return {
    campaignId: 'cmp_bday',
    name: '生日月礼遇',
    description: '生日当月专享',
    reward: { kind: 'points', points: 100 },
    endsAt: '2026-03-31T15:59:59.000Z',
    reason: '本月是你的生日月',
    granted: false,
    ...overrides,
  };
}
