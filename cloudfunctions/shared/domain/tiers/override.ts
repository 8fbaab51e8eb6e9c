import type { TierDefinition } from '../../../../typings/domain';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc, TierHistoryDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { keyId } from '../../platform/ids';
import { adminAudit, auditInTransaction } from '../audit/audit';
import { TIER_REVIEW_INTERVAL_DAYS } from '../settings/defaults';
import { loadConfiguration } from '../settings/service';
import { addDays, toIso } from '../time/calendar';
import { pruneGrowth, rollingGrowth, sortLadder, tierForGrowth } from './ladder';

/**
 * An admin's tier override: the member holds the chosen tier until `until`, whatever growth says
 * (no upgrade at the till, no downgrade at review). The review date is set to `until`, so the
 * periodic review (jobs.reviewTiers) ends the override then and puts the member at the tier the
 * rolling growth earns, recording the change in the tier history.
 */
export function overrideActive(member: Pick<MemberDoc, 'tierOverride'>, now: Date): boolean {
  return Boolean(member.tierOverride && now < member.tierOverride.until);
}

export async function overrideTier(input: { memberId: string; tier: string; until: Date; reason: string }, actor: string, now: Date): Promise<{ memberId: string; tier: string; until: string }> {
  if (input.until <= now) throw new AppError('INVALID_INPUT', 'until: must be in the future');
  const config = await loadConfiguration();
  if (!config.tiers.some((t) => t.code === input.tier)) throw new AppError('INVALID_INPUT', `tier: no tier "${input.tier}" in the ladder`);
  await inTransaction(async (tx) => {
    const member = await tx.get<MemberDoc>(COLLECTIONS.members, input.memberId);
    if (!member || member.status !== 'active') throw new AppError('MEMBER_NOT_FOUND');
    const next: MemberDoc = {
      ...member,
      _id: input.memberId,
      tier: input.tier,
      tierSince: member.tier === input.tier ? member.tierSince : now,
      tierProtectedUntil: input.until,
      tierReviewAt: input.until,
      tierOverride: { tier: input.tier, until: input.until, by: actor, reason: input.reason },
      updatedAt: now,
    };
    await tx.put<MemberDoc>(COLLECTIONS.members, next);
    await tx.create<TierHistoryDoc>(COLLECTIONS.tierHistory, { _id: keyId('tier-override', input.memberId, now.toISOString()), memberId: input.memberId, from: member.tier, to: input.tier, reason: 'admin', growth: member.growth, at: now });
    await auditInTransaction(tx, adminAudit(actor, 'admin.overrideTier', { from: member.tier, tier: input.tier, until: input.until, reason: input.reason }, now, { memberId: input.memberId }));
  });
  return { memberId: input.memberId, tier: input.tier, until: toIso(input.until) };
}

/**
 * The member once an override has run out: at the tier its rolling growth earns (never below the
 * ladder's lowest), reviewed again like any member. Null while the override holds or without one.
 */
export function afterOverride(member: MemberDoc, ladder: readonly TierDefinition[], now: Date): { next: MemberDoc; history: TierHistoryDoc | null } | null {
  if (!member.tierOverride || overrideActive(member, now)) return null;
  const growthByMonth = pruneGrowth(member.growthByMonth, now);
  const growth = rollingGrowth(growthByMonth, now);
  const earned = tierForGrowth(ladder, growth);
  const lowest = sortLadder(ladder)[0].code === earned.code;
  const changed = earned.code !== member.tier;
  const next: MemberDoc = {
    ...member,
    growthByMonth,
    growth,
    tier: earned.code,
    tierSince: changed ? now : member.tierSince,
    tierProtectedUntil: null,
    tierReviewAt: lowest ? null : addDays(now, TIER_REVIEW_INTERVAL_DAYS),
    tierOverride: null,
    updatedAt: now,
  };
  const history: TierHistoryDoc | null = changed
    ? { _id: keyId('tier-override-end', member._id, member.tierOverride.until.toISOString()), memberId: member._id, from: member.tier, to: earned.code, reason: 'admin', growth, at: now }
    : null;
  return { next, history };
}
