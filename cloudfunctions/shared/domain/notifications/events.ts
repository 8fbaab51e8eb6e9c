import type { CampaignReward } from '../../../../typings/api/campaign';
import { dayKey } from '../time/calendar';
import type { NotificationEvent } from './notice';
import { templateDate } from './template-data';

/**
 * The notification each business event raises, with its event key (what makes it one event) and
 * the values template patterns and inbox text use. Names are cut to 20 characters, WeChat's `thing`.
 */
const thing = (text: string): string => [...text].slice(0, 20).join('');
const on = (now: Date): string => templateDate(dayKey(now));

export const tierUpEvent = (memberId: string, orderNo: string, tierName: string, now: Date): NotificationEvent => ({
  type: 'tierUp',
  memberId,
  eventKey: orderNo,
  values: { tier: thing(tierName), on: on(now) },
});

export const groupResultEvent = (type: 'groupSucceeded' | 'groupFailed', groupId: string, memberId: string, product: string, now: Date): NotificationEvent => ({
  type,
  memberId,
  eventKey: groupId,
  values: { product: thing(product), result: type === 'groupSucceeded' ? '拼团成功' : '拼团失败', on: on(now) },
});

export const birthdayGiftEvent = (memberId: string, year: number, points: number, now: Date): NotificationEvent => ({
  type: 'birthdayGift',
  memberId,
  eventKey: String(year),
  values: { gift: `${points}积分生日礼`, points: String(points), on: on(now) },
});

function rewardText(reward: CampaignReward, points: number, couponTitle: string | null): string {
  if (reward.kind === 'points') return `${points}积分`;
  if (reward.kind === 'coupon') return thing(couponTitle ?? '优惠券');
  return `${reward.days}天内消费积分${reward.permille / 1000}倍`;
}

export const campaignRewardEvent = (runId: string, memberId: string, campaign: string, reward: CampaignReward, points: number, couponTitle: string | null, now: Date): NotificationEvent => ({
  type: 'campaignReward',
  memberId,
  eventKey: runId,
  values: { campaign: thing(campaign), reward: thing(rewardText(reward, points, couponTitle)), on: on(now) },
});
