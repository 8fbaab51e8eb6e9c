/** Notifications: subscription messages (订阅消息), the in-app inbox (消息中心) and their settings. */

/** What a member accepts in wx.requestSubscribeMessage: one template per kind. */
export type SubscriptionKind = 'pointsExpiring' | 'couponExpiring' | 'groupResult' | 'tierUp' | 'tierRetention' | 'birthdayGift' | 'campaignReward';

export const SUBSCRIPTION_KINDS: readonly SubscriptionKind[] = ['pointsExpiring', 'couponExpiring', 'groupResult', 'tierUp', 'tierRetention', 'birthdayGift', 'campaignReward'];

/** The business events that notify a member; group success and failure share the group-result template. */
export type NotificationType = 'pointsExpiring' | 'couponExpiring' | 'groupSucceeded' | 'groupFailed' | 'tierUp' | 'tierRetention' | 'birthdayGift' | 'campaignReward';

/**
 * What happened to the subscription message of one notification (the inbox entry exists either way):
 * queued (waiting: quiet hours, a rate limit, or the next dispatch), sending (claimed by one job),
 * sent, or why not: no_template (kind not configured), no_quota (the member accepted none left, or
 * WeChat answered 43101), opted_out, capped (per-day/week limit), refused (47003/40037/…: never
 * retried), unknown (a job stopped between the call and recording its answer).
 */
export type DeliveryState = 'queued' | 'sending' | 'sent' | 'no_template' | 'no_quota' | 'opted_out' | 'capped' | 'refused' | 'unknown';

/** One template: its id in the mini-program's 我的模板, the page a tap opens, and each key's value pattern. */
export interface NotificationTemplateConfig {
  kind: SubscriptionKind;
  templateId: string;
  /** Page the message opens, e.g. `pages/points/index`. */
  page: string;
  /** Template key (`thing1`, `date3`…) → text with `{placeholder}`s the event supplies (see docs/notifications.md). */
  fields: Record<string, string>;
}

export interface NotificationSettings {
  templates: NotificationTemplateConfig[];
  caps: { perDay: number; perWeek: number };
  /** Hours (China time) when nothing is sent: from startHour until endHour the next morning. */
  quietHours: { startHour: number; endHour: number };
  /** Days ahead the daily reminders look. */
  reminderDays: { points: number; coupons: number; tierRetention: number };
  /** Which version of the mini-program a message opens (WeChat's miniprogram_state). */
  miniprogramState: 'developer' | 'trial' | 'formal';
}

export interface KindStatus {
  kind: SubscriptionKind;
  /** Template to pass to wx.requestSubscribeMessage; null when the brand has not configured this kind. */
  templateId: string | null;
  /** Sends left from the member's acceptances (one-time templates: one per acceptance). */
  remaining: number;
  optedOut: boolean;
}

export interface InboxItem {
  id: string;
  type: NotificationType;
  title: string;
  body: string;
  page: string;
  createdAt: string;
  read: boolean;
}

export type SubscribeChoice = 'accept' | 'reject' | 'ban' | 'filter';

export interface NotificationReportRow {
  type: NotificationType;
  due: number;
  sent: number;
  refused: number;
  noQuota: number;
  optedOut: number;
  capped: number;
  queued: number;
  /** Members sent a message in the period who opened the mini-program within 7 days of it. */
  openedWithin7Days: number;
  /** openedWithin7Days / sent recipients (0 when none sent). */
  openRate: number;
}

export interface NotifyApi {
  subscriptions: { request: Record<string, never>; response: { kinds: KindStatus[] } };
  /** The result object wx.requestSubscribeMessage gave (template id → choice). */
  recordChoices: { request: { choices: Record<string, SubscribeChoice> }; response: { kinds: KindStatus[] } };
  setOptOut: { request: { kind: SubscriptionKind; optedOut: boolean }; response: { kinds: KindStatus[] } };
  inbox: { request: { before?: string }; response: { items: InboxItem[]; unread: number; next: string | null } };
  markRead: { request: { ids?: string[] }; response: { unread: number } };
  getSettings: { request: Record<string, never>; response: NotificationSettings };
  configure: { request: { settings: NotificationSettings }; response: NotificationSettings };
  report: { request: { from: string; to: string }; response: { from: string; to: string; rows: NotificationReportRow[]; complete: boolean } };
}
