import { z } from 'zod';
import { SUBSCRIPTION_KINDS, type NotificationSettings } from '../../../../typings/api/notify';
import { COLLECTIONS } from '../../data/collections';
import type { SettingsDoc } from '../../data/documents';
import { getById, put } from '../../data/store';
import { AppError } from '../../platform/app-error';

const KEY = 'notifications';

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  templates: [],
  caps: { perDay: 2, perWeek: 5 },
  quietHours: { startHour: 21, endHour: 9 },
  reminderDays: { points: 7, coupons: 3, tierRetention: 14 },
  miniprogramState: 'formal',
};

const hour = z.number().int().min(0).max(23);
export const notificationSettingsSchema = z.strictObject({
  templates: z
    .array(
      z.strictObject({
        kind: z.enum(SUBSCRIPTION_KINDS as [string, ...string[]]).transform((k) => k as NotificationSettings['templates'][number]['kind']),
        templateId: z.string().min(1).max(128),
        page: z.string().min(1).max(256),
        fields: z.record(z.string().regex(/^[a-z_]+\d+$/), z.string().min(1).max(64)).refine((f) => Object.keys(f).length > 0, 'at least one field'),
      }),
    )
    .max(SUBSCRIPTION_KINDS.length)
    .refine((ts) => new Set(ts.map((t) => t.kind)).size === ts.length, 'one template per kind'),
  caps: z.strictObject({ perDay: z.number().int().min(0).max(50), perWeek: z.number().int().min(0).max(200) }),
  quietHours: z.strictObject({ startHour: hour, endHour: hour }),
  reminderDays: z.strictObject({ points: z.number().int().min(1).max(60), coupons: z.number().int().min(1).max(60), tierRetention: z.number().int().min(1).max(90) }),
  miniprogramState: z.enum(['developer', 'trial', 'formal']),
});

export async function loadNotificationSettings(): Promise<NotificationSettings> {
  const doc = await getById<SettingsDoc<NotificationSettings>>(COLLECTIONS.settings, KEY);
  return doc ? { ...DEFAULT_NOTIFICATION_SETTINGS, ...doc.value } : DEFAULT_NOTIFICATION_SETTINGS;
}

export async function saveNotificationSettings(settings: NotificationSettings, now: Date): Promise<NotificationSettings> {
  if (settings.caps.perWeek < settings.caps.perDay) throw new AppError('CONFIG_INVALID', 'caps.perWeek must be at least caps.perDay');
  await put<SettingsDoc<NotificationSettings>>(COLLECTIONS.settings, { _id: KEY, value: settings, updatedAt: now });
  return settings;
}
