import type { NotificationType, SubscriptionKind } from '../../../../typings/api/notify';

/**
 * Every notification type: the subscription kind (template) it goes out with, the page a tap opens,
 * and its inbox text (Simplified Chinese, shown in 消息中心 whether or not a message was sent).
 * The placeholders each type supplies are the `values` keys below; template field patterns use them.
 */
interface TypeSpec {
  kind: SubscriptionKind;
  page: string;
  placeholders: readonly string[];
  title: string;
  body(values: Readonly<Record<string, string>>): string;
}

export const NOTIFICATION_TYPES: Readonly<Record<NotificationType, TypeSpec>> = {
  pointsExpiring: {
    kind: 'pointsExpiring',
    page: 'pages/points/index',
    placeholders: ['points', 'expiresOn'],
    title: '积分即将过期',
    body: (v) => `您有 ${v.points} 积分将于 ${v.expiresOn} 过期，请及时使用。`,
  },
  couponExpiring: {
    kind: 'couponExpiring',
    page: 'pages/coupons/index?tab=wallet',
    placeholders: ['coupon', 'expiresOn'],
    title: '优惠券即将到期',
    body: (v) => `您的「${v.coupon}」将于 ${v.expiresOn} 到期，别忘了使用。`,
  },
  groupSucceeded: {
    kind: 'groupResult',
    page: 'pages/groupbuy/index',
    placeholders: ['product', 'result', 'on'],
    title: '拼团成功',
    body: (v) => `「${v.product}」拼团成功，团购券已放入您的券包。`,
  },
  groupFailed: {
    kind: 'groupResult',
    page: 'pages/groupbuy/index',
    placeholders: ['product', 'result', 'on'],
    title: '拼团未成功',
    body: (v) => `「${v.product}」未在时限内成团，名额已释放，可重新发起。`,
  },
  tierUp: {
    kind: 'tierUp',
    page: 'pages/card/index',
    placeholders: ['tier', 'on'],
    title: '会员升级',
    body: (v) => `恭喜您升级为 ${v.tier}，尽享更多会员权益。`,
  },
  tierRetention: {
    kind: 'tierRetention',
    page: 'pages/card/index',
    placeholders: ['tier', 'reviewOn', 'needed'],
    title: '会员保级提醒',
    body: (v) => `您的 ${v.tier} 等级将于 ${v.reviewOn} 评定，${v.needed}。`,
  },
  birthdayGift: {
    kind: 'birthdayGift',
    page: 'pages/card/index',
    placeholders: ['gift', 'on'],
    title: '生日礼已到账',
    body: (v) => `生日快乐！${v.gift} 已到账。`,
  },
  campaignReward: {
    kind: 'campaignReward',
    page: 'pages/offers/index',
    placeholders: ['campaign', 'reward', 'on'],
    title: '活动奖励已到账',
    body: (v) => `您参与的「${v.campaign}」奖励已发放：${v.reward}。`,
  },
};

export const kindOf = (type: NotificationType): SubscriptionKind => NOTIFICATION_TYPES[type].kind;
