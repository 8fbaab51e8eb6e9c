/** Demo campaigns: a birthday-month offer and a dormant-member win-back (docs/campaigns.md). */
export const DEMO_CAMPAIGNS = [
  {
    campaignId: 'birthday_double',
    name: '生日月双倍积分',
    description: '生日当月到店消费享双倍积分（30天）',
    audience: { birthdayInMonth: 'current' },
    reward: { kind: 'multiplier', permille: 2000, days: 30 },
    budget: { maxGrants: 5000 },
    frequency: { kind: 'oncePerDays', days: 300 },
    schedule: { startAt: '2026-01-01T00:00:00+08:00', endAt: '2027-12-31T23:59:59+08:00' },
    holdoutPercent: 0,
  },
  {
    campaignId: 'winback',
    name: '好久不见',
    description: '沉睡会员回归，14天内消费享3倍积分',
    audience: { any: [{ stages: ['dormant', 'churned'] }, { daysSinceLastPurchase: { min: 60 } }] },
    reward: { kind: 'multiplier', permille: 3000, days: 14 },
    budget: { maxGrants: 1000 },
    frequency: { kind: 'oncePerDays', days: 90 },
    schedule: { startAt: '2026-01-01T00:00:00+08:00', endAt: '2027-12-31T23:59:59+08:00' },
    holdoutPercent: 10,
  },
] as const;
