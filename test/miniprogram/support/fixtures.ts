import type { LedgerEntryView, MemberCard, MemberSummary } from '../../../typings/domain';

export function memberCard(overrides: Partial<MemberCard> = {}): MemberCard {
  return {
    memberId: 'm_1',
    cardNo: '8100001234',
    nickname: '小明',
    joinedAt: '2026-01-02T03:04:05.000Z',
    tier: { code: 'silver', name: '白银', color: '#8c8c8c', benefits: { pointsMultiplierPermille: 1000, birthdayGiftPoints: 0, perks: [] } },
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
  }));
}

export function memberSummary(overrides: Partial<MemberSummary> = {}): MemberSummary {
  return {
    memberId: 'm_1',
    maskedName: '王**',
    cardNoMasked: '81******1234',
    tier: { code: 'gold', name: '黄金', color: '#d4a017', benefits: { pointsMultiplierPermille: 1500, birthdayGiftPoints: 0, perks: [] } },
    points: { available: 300, pending: 20 },
    ...overrides,
  };
}
