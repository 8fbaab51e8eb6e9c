import type { SubscriptionKind } from '../../typings/api/notify';

/** What each subscription kind reminds about, as the profile lists them. */
export const KIND_LABELS: Record<SubscriptionKind, string> = {
  pointsExpiring: '积分过期提醒',
  couponExpiring: '优惠券到期提醒',
  groupResult: '拼团结果通知',
  tierUp: '会员升级通知',
  tierRetention: '会员保级提醒',
  birthdayGift: '生日礼到账通知',
  campaignReward: '活动奖励到账通知',
};

const CHOICES = new Set(['accept', 'reject', 'ban', 'filter']);

/** The template → choice entries of a wx.requestSubscribeMessage result (drops errMsg and anything else). */
export function choicesOf(result: Record<string, unknown>): Record<string, 'accept' | 'reject' | 'ban' | 'filter'> {
  return Object.fromEntries(Object.entries(result).filter(([key, value]) => key !== 'errMsg' && typeof value === 'string' && CHOICES.has(value))) as Record<string, 'accept' | 'reject' | 'ban' | 'filter'>;
}

/** Tab pages open with switchTab, others with navigateTo (a message's page may carry a query). */
const TAB_PAGES = new Set(['pages/card/index', 'pages/points/index', 'pages/profile/index']);

export function openPage(page: string): void {
  const url = `/${page.replace(/^\//, '')}`;
  if (TAB_PAGES.has(url.slice(1).split('?')[0])) wx.switchTab({ url: url.split('?')[0] });
  else wx.navigateTo({ url });
}
