import type { JobReport } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { MemberDoc, TierHistoryDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { keyId } from '../../platform/ids';
import { walk } from '../jobs/walk';
import { TIER_REVIEW_INTERVAL_DAYS } from '../settings/defaults';
import { loadConfiguration, type Configuration } from '../settings/service';
import { addDays, dayKey, startOfNextMonth } from '../time/calendar';
import { afterOverride } from './override';
import { downgradeFor, pruneGrowth, rollingGrowth, sortLadder } from './ladder';

async function reviewMember(memberId: string, config: Configuration, now: Date): Promise<boolean> {
  return inTransaction(async (tx) => {
    const member = await tx.get<MemberDoc>(COLLECTIONS.members, memberId);
    if (!member || member.status !== 'active') return false;
    const ended = afterOverride(member, config.tiers, now);
    if (ended) {
      await tx.put<MemberDoc>(COLLECTIONS.members, ended.next);
      if (ended.history) await tx.create<TierHistoryDoc>(COLLECTIONS.tierHistory, ended.history);
      return ended.history !== null;
    }
    const growthByMonth = pruneGrowth(member.growthByMonth, now);
    const growth = rollingGrowth(growthByMonth, now);
    const lower = downgradeFor(config.tiers, member.tier, growth, member.tierProtectedUntil, member.tierReviewAt, now);
    if (!lower) {
      const lowest = sortLadder(config.tiers)[0].code === member.tier;
      // Growth only falls when a month leaves the window, so nothing can change before next month.
      const later = member.tierProtectedUntil && member.tierProtectedUntil > now ? member.tierProtectedUntil : startOfNextMonth(now);
      await tx.put<MemberDoc>(COLLECTIONS.members, { ...member, growthByMonth, growth, tierReviewAt: lowest ? null : later, updatedAt: now });
      return false;
    }
    const isLowest = sortLadder(config.tiers)[0].code === lower.code;
    await tx.put<MemberDoc>(COLLECTIONS.members, {
      ...member,
      growthByMonth,
      growth,
      tier: lower.code,
      tierSince: now,
      tierProtectedUntil: null,
      tierReviewAt: isLowest ? null : addDays(now, TIER_REVIEW_INTERVAL_DAYS),
      updatedAt: now,
    });
    await tx.create<TierHistoryDoc>(COLLECTIONS.tierHistory, {
      _id: keyId('downgrade', member._id, dayKey(now)),
      memberId: member._id,
      from: member.tier,
      to: lower.code,
      reason: 'downgrade',
      growth,
      at: now,
    });
    return true;
  });
}

/**
 * The periodic tier review (timer): members whose review date has come and whose protection has
 * lapsed drop one tier if their rolling growth no longer holds the current one.
 */
export async function reviewTiers(now: Date, timeLeftMs: () => number): Promise<JobReport> {
  const config = await loadConfiguration();
  const _ = command();
  let changed = 0;
  const result = await walk<MemberDoc>(COLLECTIONS.members, { tierReviewAt: _.lte(now), status: 'active' }, { pageSize: 100, timeLeftMs }, async (members) => {
    for (const member of members) if (await reviewMember(member._id, config, now)) changed += 1;
  });
  return { job: 'reviewTiers', scanned: result.scanned, changed, partial: result.cursor !== null };
}

