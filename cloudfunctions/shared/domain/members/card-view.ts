import type { MemberCard, MemberSummary, ProfileView, TierView } from '../../../../typings/domain';
import type { MemberDoc } from '../../data/documents';
import type { Configuration } from '../settings/service';
import { textColorFor } from '../tiers/contrast';
import { nextTier, rollingGrowth, tierByCode } from '../tiers/ladder';
import { pointsView } from '../points/views';
import { toIso } from '../time/calendar';
import { maskCardNo } from './card-number';
import { maskName } from './personal-data';

export function tierView(config: Configuration, code: string): TierView {
  const tier = tierByCode(config.tiers, code);
  return { code: tier.code, name: tier.name, color: tier.color, textColor: textColorFor(tier.color), benefits: tier.benefits };
}

export function profileView(member: MemberDoc): ProfileView {
  return { nickname: member.nickname, birthday: member.birthday, phoneMasked: member.phone?.masked ?? null, consentVersion: member.consent.version };
}

export function memberCard(member: MemberDoc, config: Configuration, now: Date): MemberCard {
  const growth = rollingGrowth(member.growthByMonth, now);
  return {
    memberId: member._id,
    cardNo: member.cardNo,
    nickname: member.nickname,
    joinedAt: toIso(member.joinedAt),
    tier: tierView(config, member.tier),
    growth,
    nextTier: nextTier(config.tiers, member.tier, growth),
    tierProtectedUntil: member.tierProtectedUntil ? toIso(member.tierProtectedUntil) : null,
    points: pointsView(member, now, config.settings.expiringSoonDays),
    profile: profileView(member),
  };
}

/** The till's view: masked name and card number, tier and spendable points; nothing personal. */
export function memberSummary(member: MemberDoc, config: Configuration, now: Date): MemberSummary {
  const points = pointsView(member, now, config.settings.expiringSoonDays);
  return {
    memberId: member._id,
    maskedName: maskName(member.nickname),
    cardNoMasked: maskCardNo(member.cardNo),
    tier: tierView(config, member.tier),
    points: { available: points.available, pending: points.pending },
  };
}
