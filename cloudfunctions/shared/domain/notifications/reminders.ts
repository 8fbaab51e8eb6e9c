import type { JobReport } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { MemberCouponDoc, MemberDoc } from '../../data/documents';
import { loadConfiguration } from '../settings/service';
import { rollingGrowth, sortLadder, tierByCode } from '../tiers/ladder';
import { addDays, dayKey } from '../time/calendar';
import { dailyWalk } from './daily-walk';
import { loadNotificationSettings } from './settings';
import { templateDate } from './template-data';

/** Points expiring within N days (daily): one reminder per member per first expiry date. */
export async function remindPointsExpiring(now: Date, timeLeftMs: () => number): Promise<JobReport> {
  const { reminderDays } = await loadNotificationSettings();
  const horizon = addDays(now, reminderDays.points);
  const _ = command();
  return dailyWalk<MemberDoc>('remindPointsExpiring', COLLECTIONS.members, { nextExpiryAt: _.gt(now).and(_.lte(horizon)), status: 'active' }, now, timeLeftMs, (member) => {
    if (!member.nextExpiryAt) return null;
    const expiring = member.lots.filter((lot) => lot.expiresAt > now && lot.expiresAt <= horizon);
    const points = expiring.reduce((sum, lot) => sum + lot.remaining, 0);
    if (points <= 0) return null;
    const first = dayKey(member.nextExpiryAt);
    return { type: 'pointsExpiring', memberId: member._id, eventKey: first, values: { points: String(points), expiresOn: templateDate(first) } };
  });
}

/** Usable coupons expiring within N days (daily): one reminder per coupon. */
export async function remindCouponsExpiring(now: Date, timeLeftMs: () => number): Promise<JobReport> {
  const { reminderDays } = await loadNotificationSettings();
  const _ = command();
  return dailyWalk<MemberCouponDoc>('remindCouponsExpiring', COLLECTIONS.memberCoupons, { expiresAt: _.gt(now).and(_.lte(addDays(now, reminderDays.coupons))), status: 'usable' }, now, timeLeftMs, (coupon) => {
    if (coupon.validFrom > now) return null;
    return { type: 'couponExpiring', memberId: coupon.memberId, eventKey: coupon._id, values: { coupon: coupon.title.slice(0, 20), expiresOn: templateDate(dayKey(coupon.expiresAt)) } };
  });
}

/** Tier review within N days (daily): the member is told what keeps the tier, once per review date. */
export async function remindTierRetention(now: Date, timeLeftMs: () => number): Promise<JobReport> {
  const [{ reminderDays }, config] = await Promise.all([loadNotificationSettings(), loadConfiguration()]);
  const _ = command();
  const lowest = sortLadder(config.tiers)[0]?.code;
  return dailyWalk<MemberDoc>('remindTierRetention', COLLECTIONS.members, { tierReviewAt: _.gt(now).and(_.lte(addDays(now, reminderDays.tierRetention))), status: 'active' }, now, timeLeftMs, (member) => {
    if (!member.tierReviewAt || member.tier === lowest) return null;
    if (member.tierProtectedUntil && member.tierProtectedUntil > member.tierReviewAt) return null;
    const tier = tierByCode(config.tiers, member.tier);
    const short = tier.threshold - rollingGrowth(member.growthByMonth, member.tierReviewAt);
    if (short <= 0) return null;
    const reviewOn = dayKey(member.tierReviewAt);
    return { type: 'tierRetention', memberId: member._id, eventKey: reviewOn, values: { tier: tier.name, reviewOn: templateDate(reviewOn), needed: `再获${short}成长值可保级` } };
  });
}
