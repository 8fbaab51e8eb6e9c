import { writeDailyStats } from '../shared/domain/dashboard/daily-stats';
import { purgeEphemeral } from '../shared/domain/jobs/purge';
import { runDailyReconcile } from '../shared/domain/jobs/daily-reconcile';
import { expireDuePoints, settleDuePoints } from '../shared/domain/points/maintenance';
import { grantBirthdayGifts } from '../shared/domain/tiers/birthday-gift';
import { reviewTiers } from '../shared/domain/tiers/review';
import { remindCouponsExpiring, remindPointsExpiring, remindTierRetention } from '../shared/domain/notifications/reminders';
import { sendDueNotifications } from '../shared/domain/notifications/sender';
import { dispatchDueJobs } from '../shared/domain/timers/dispatch';
import { admin } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { OWNERS } from '../shared/platform/roles';
import { empty } from '../shared/platform/schemas';
import { JOBS_SCHEDULE } from './schedule';

/**
 * Maintenance. The one timer trigger (`dispatch`, WeChat allows one per function) runs the jobs
 * due by `schedule.ts`; the console may run any job now by its name.
 */
export const main = defineFunction('jobs', {
  dispatch: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => dispatchDueJobs('jobs', JOBS_SCHEDULE, call.now, call.timeLeftMs) }),
  expirePoints: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => expireDuePoints(call.now, call.timeLeftMs) }),
  settlePending: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => settleDuePoints(call.now, call.timeLeftMs) }),
  reviewTiers: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => reviewTiers(call.now, call.timeLeftMs) }),
  reconcileDaily: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => runDailyReconcile(call.now, call.timeLeftMs) }),
  birthdayGifts: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => grantBirthdayGifts(call.now, call.timeLeftMs) }),
  purgeEphemeral: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => purgeEphemeral(call.now) }),
  sendNotifications: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => sendDueNotifications(call.now, call.timeLeftMs) }),
  remindPointsExpiring: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => remindPointsExpiring(call.now, call.timeLeftMs) }),
  remindCouponsExpiring: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => remindCouponsExpiring(call.now, call.timeLeftMs) }),
  remindTierRetention: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => remindTierRetention(call.now, call.timeLeftMs) }),
  dailyStats: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => writeDailyStats(call.now, call.timeLeftMs) }),
});
