import { z } from 'zod';
import { SUBSCRIPTION_KINDS, type SubscriptionKind } from '../../typings/api/notify';
import { requireMemberByOpenid } from '../shared/domain/members/directory';
import { inbox, markRead, noteOpened } from '../shared/domain/notifications/inbox';
import { kindStatuses, loadPrefs, recordChoices, setOptOut } from '../shared/domain/notifications/preferences';
import { notificationReport } from '../shared/domain/notifications/report';
import { loadNotificationSettings, notificationSettingsSchema, saveNotificationSettings } from '../shared/domain/notifications/settings';
import { admin, shopper } from '../shared/platform/guards';
import { EVERY_ROLE, OPERATORS } from '../shared/platform/roles';
import { action, defineFunction } from '../shared/platform/handler';
import { empty } from '../shared/platform/schemas';

const kind = z.enum(SUBSCRIPTION_KINDS as [SubscriptionKind, ...SubscriptionKind[]]);
const day = z.iso.datetime({ offset: true });

async function statusesFor(memberId: string) {
  const [prefs, settings] = await Promise.all([loadPrefs(memberId), loadNotificationSettings()]);
  return { kinds: kindStatuses(prefs, settings) };
}

/**
 * Notifications for the member (what they accepted, opt-outs, the 消息中心 inbox) and for the admin
 * (templates and rules, the KPI report). Messages themselves go out from the jobs function's
 * dispatch timer (domain/notifications/sender.ts).
 */
export const main = defineFunction('notify', {
  subscriptions: action({
    input: empty,
    guard: shopper,
    run: async (_i, _call, openid) => statusesFor((await requireMemberByOpenid(openid))._id),
  }),
  recordChoices: action({
    input: z.strictObject({ choices: z.record(z.string().min(1).max(128), z.enum(['accept', 'reject', 'ban', 'filter'])).refine((c) => Object.keys(c).length <= 20, 'at most 20 templates') }),
    guard: shopper,
    run: async (input, call, openid) => {
      const member = await requireMemberByOpenid(openid);
      const settings = await loadNotificationSettings();
      return { kinds: kindStatuses(await recordChoices(member._id, input.choices, settings, call.now), settings) };
    },
  }),
  setOptOut: action({
    input: z.strictObject({ kind, optedOut: z.boolean() }),
    guard: shopper,
    run: async (input, call, openid) => {
      const member = await requireMemberByOpenid(openid);
      return { kinds: kindStatuses(await setOptOut(member._id, input.kind, input.optedOut, call.now), await loadNotificationSettings()) };
    },
  }),
  inbox: action({
    input: z.strictObject({ before: day.optional() }),
    guard: shopper,
    run: async (input, call, openid) => {
      const member = await requireMemberByOpenid(openid);
      await noteOpened(member._id, call.now);
      return inbox(member._id, input.before);
    },
  }),
  markRead: action({
    input: z.strictObject({ ids: z.array(z.string().min(1).max(80)).min(1).max(100).optional() }),
    guard: shopper,
    run: async (input, call, openid) => markRead((await requireMemberByOpenid(openid))._id, input.ids, call.now),
  }),
  getSettings: action({ input: empty, guard: admin, roles: EVERY_ROLE, run: () => loadNotificationSettings() }),
  configure: action({
    input: z.strictObject({ settings: notificationSettingsSchema }),
    guard: admin, roles: OPERATORS,
    run: (input, call) => saveNotificationSettings(input.settings, call.now),
  }),
  report: action({
    input: z.strictObject({ from: day, to: day }),
    guard: admin, roles: EVERY_ROLE,
    run: async (input, call) => ({ from: input.from, to: input.to, ...(await notificationReport(new Date(input.from), new Date(input.to), call.timeLeftMs)) }),
  }),
});
