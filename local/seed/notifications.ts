import type { NotificationSettings } from '../../typings/api/notify';

/**
 * The demo brand's subscription templates (ids as in local/subscribe-templates.json, the emulator's
 * 我的模板) and how each event's values fill their keys. `developer`: a tap on a message opens the
 * develop version, which is what DevTools runs against the emulator.
 */
export const DEMO_NOTIFICATION_SETTINGS: NotificationSettings = {
  templates: [
    { kind: 'pointsExpiring', templateId: 'Lp3xV0Ey7c2QpointsExpire_demo0000000000001', page: 'pages/points/index', fields: { number1: '{points}', date2: '{expiresOn}', thing3: '积分即将过期，请尽快使用' } },
    { kind: 'couponExpiring', templateId: 'Lp3xV0Ey7c2QcouponExpire_demo0000000000002', page: 'pages/coupons/index?tab=wallet', fields: { thing1: '{coupon}', date2: '{expiresOn}', thing3: '优惠券即将到期，别错过' } },
    { kind: 'groupResult', templateId: 'Lp3xV0Ey7c2QgroupResult__demo0000000000003', page: 'pages/groupbuy/index', fields: { thing1: '{product}', phrase2: '{result}', date3: '{on}' } },
    { kind: 'tierUp', templateId: 'Lp3xV0Ey7c2QtierUpgrade__demo0000000000004', page: 'pages/card/index', fields: { thing1: '{tier}', date2: '{on}', thing3: '新等级权益已生效' } },
    { kind: 'tierRetention', templateId: 'Lp3xV0Ey7c2QtierRetain___demo0000000000005', page: 'pages/card/index', fields: { thing1: '{tier}', date2: '{reviewOn}', thing3: '{needed}' } },
    { kind: 'birthdayGift', templateId: 'Lp3xV0Ey7c2QbirthdayGift_demo0000000000006', page: 'pages/card/index', fields: { thing1: '{gift}', date2: '{on}', thing3: '生日快乐，礼遇已到账' } },
    { kind: 'campaignReward', templateId: 'Lp3xV0Ey7c2QcampaignPrize_demo000000000007', page: 'pages/offers/index', fields: { thing1: '{campaign}', thing2: '{reward}', date3: '{on}' } },
  ],
  caps: { perDay: 2, perWeek: 5 },
  quietHours: { startHour: 21, endHour: 9 },
  reminderDays: { points: 7, coupons: 3, tierRetention: 14 },
  miniprogramState: 'developer',
};

/** The demo shopper tapped 订阅 for every kind once (as wx.requestSubscribeMessage would report it). */
export const DEMO_SHOPPER_CHOICES: Record<string, 'accept'> = Object.fromEntries(DEMO_NOTIFICATION_SETTINGS.templates.map((t) => [t.templateId, 'accept']));
