import { writeDailyStats } from '../shared/domain/dashboard/daily-stats';
import { runDailyReconcile } from '../shared/domain/jobs/daily-reconcile';
import { purgeEphemeral } from '../shared/domain/jobs/purge';
import { expireDuePoints, settleDuePoints } from '../shared/domain/points/maintenance';
import { grantBirthdayGifts } from '../shared/domain/tiers/birthday-gift';
import { reviewTiers } from '../shared/domain/tiers/review';
import { remindCouponsExpiring, remindPointsExpiring, remindTierRetention } from '../shared/domain/notifications/reminders';
import { sendDueNotifications } from '../shared/domain/notifications/sender';
import type { ScheduledJob } from '../shared/domain/timers/dispatch';

/** What the `dispatch` timer (config.json, every 5 minutes) runs, and when each job is due (China time). */
export const JOBS_SCHEDULE: readonly ScheduledJob[] = [
  { name: 'settlePending', cadence: { hourlyAt: 5 }, run: settleDuePoints },
  { name: 'expirePoints', cadence: { dailyAt: { hour: 0, minute: 10 } }, run: expireDuePoints },
  { name: 'birthdayGifts', cadence: { dailyAt: { hour: 0, minute: 30 } }, run: grantBirthdayGifts },
  { name: 'reviewTiers', cadence: { dailyAt: { hour: 2, minute: 30 } }, run: reviewTiers },
  { name: 'purgeEphemeral', cadence: { dailyAt: { hour: 4, minute: 0 } }, run: (now) => purgeEphemeral(now) },
  { name: 'reconcileDaily', cadence: { everyMinutes: 10 }, run: runDailyReconcile },
  // Reminders are raised after the morning's quiet hours end; the sender runs on every tick.
  { name: 'remindPointsExpiring', cadence: { dailyAt: { hour: 9, minute: 30 } }, run: remindPointsExpiring },
  { name: 'remindCouponsExpiring', cadence: { dailyAt: { hour: 9, minute: 35 } }, run: remindCouponsExpiring },
  { name: 'remindTierRetention', cadence: { dailyAt: { hour: 9, minute: 40 } }, run: remindTierRetention },
  { name: 'sendNotifications', cadence: { everyMinutes: 5 }, run: sendDueNotifications },
  { name: 'dailyStats', cadence: { dailyAt: { hour: 0, minute: 20 } }, run: writeDailyStats },
];
