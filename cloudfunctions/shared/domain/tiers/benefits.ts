import type { BenefitsView, MemberStanding } from '../../../../typings/api/member';
import type { MemberDoc } from '../../data/documents';
import { findMemberByOpenid } from '../members/directory';
import { loadConfiguration, type Configuration } from '../settings/service';
import { toIso } from '../time/calendar';
import { textColorFor } from './contrast';
import { GROWTH_WINDOW_MONTHS, nextTier, rollingGrowth, sortLadder } from './ladder';
import { retentionFor } from './retention';

function standing(member: MemberDoc, config: Configuration, now: Date): MemberStanding {
  const growth = rollingGrowth(member.growthByMonth, now);
  const retention = retentionFor(config.tiers, member, now);
  return {
    tier: member.tier,
    growth,
    nextTier: nextTier(config.tiers, member.tier, growth),
    retention: retention && {
      reviewAt: toIso(retention.reviewAt),
      protectedUntil: retention.protectedUntil ? toIso(retention.protectedUntil) : null,
      growthCountingAtReview: retention.growthCountingAtReview,
      neededToKeep: retention.neededToKeep,
      dropsTo: { code: retention.dropsTo.code, name: retention.dropsTo.name },
    },
  };
}

/** The tier page: the ladder for anyone (visitors too), and the caller's standing when they hold a card. */
export async function benefitsView(openid: string, now: Date): Promise<BenefitsView> {
  const [config, member] = await Promise.all([loadConfiguration(), findMemberByOpenid(openid)]);
  return {
    tiers: sortLadder(config.tiers).map((tier) => ({ code: tier.code, name: tier.name, color: tier.color, textColor: textColorFor(tier.color), threshold: tier.threshold, benefits: tier.benefits })),
    growthWindowMonths: GROWTH_WINDOW_MONTHS,
    member: member ? standing(member, config, now) : null,
  };
}
