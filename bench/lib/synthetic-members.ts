import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import { database } from '../../cloudfunctions/shared/data/database';
import type { MemberDoc } from '../../cloudfunctions/shared/data/documents';
import { checked } from '../../cloudfunctions/shared/data/store';

const DAY = 86_400_000;

/**
 * Members for scale benchmarks, written in batches through the SDK as a data import would:
 * registering 100,000 members through the functions would measure registration, not campaigns.
 * Every 100th member carries the tag `vip`, so a tag audience selects 1% of the base.
 */
export function syntheticMember(i: number, now: Date): MemberDoc {
  const joinedAt = new Date(now.getTime() - ((i * 7919) % 700) * DAY);
  const orders = i % 9;
  return {
    _id: `bench${String(i).padStart(8, '0')}`,
    openid: `bench_openid_${i}`,
    cardNo: `8${String(i).padStart(11, '0')}`,
    status: 'active',
    nickname: `会员${i}`,
    birthday: `${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    birthMonth: String((i % 12) + 1).padStart(2, '0'),
    phone: null,
    consent: { version: '2026-11', at: joinedAt },
    joinedAt,
    deletedAt: null,
    tier: ['bronze', 'silver', 'gold'][i % 3],
    tierSince: joinedAt,
    tierProtectedUntil: null,
    tierReviewAt: null,
    growthByMonth: {},
    growth: 0,
    points: { balance: 0, available: 0, pending: 0, debt: 0 },
    lots: [],
    nextExpiryAt: null,
    nextSettleAt: null,
    stats: { orders, spentFen: orders * 8_800, lastPurchaseAt: orders > 0 ? new Date(now.getTime() - ((i * 104729) % 400) * DAY) : null },
    updatedAt: now,
    tags: i % 100 === 0 ? ['vip'] : [],
  };
}

export async function insertSyntheticMembers(count: number, now: Date, onProgress?: (done: number) => void): Promise<void> {
  const members = database().collection(COLLECTIONS.members);
  for (let start = 0; start < count; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - start) }, (_, k) => syntheticMember(start + k, now));
    checked((await members.add(batch as unknown as Record<string, unknown>[])) as object);
    onProgress?.(start + batch.length);
  }
}
