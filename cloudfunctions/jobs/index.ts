import { purgeEphemeral } from '../shared/domain/jobs/purge';
import { runDailyReconcile } from '../shared/domain/jobs/daily-reconcile';
import { expireDuePoints, settleDuePoints } from '../shared/domain/points/maintenance';
import { grantBirthdayGifts } from '../shared/domain/tiers/birthday-gift';
import { reviewTiers } from '../shared/domain/tiers/review';
import { admin } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { empty } from '../shared/platform/schemas';

/** Timer-driven maintenance. Each trigger name in config.json is an action; the console may run them too. */
export const main = defineFunction('jobs', {
  expirePoints: action({ input: empty, guard: admin, run: (_i, call) => expireDuePoints(call.now, call.timeLeftMs) }),
  settlePending: action({ input: empty, guard: admin, run: (_i, call) => settleDuePoints(call.now, call.timeLeftMs) }),
  reviewTiers: action({ input: empty, guard: admin, run: (_i, call) => reviewTiers(call.now, call.timeLeftMs) }),
  reconcileDaily: action({ input: empty, guard: admin, run: (_i, call) => runDailyReconcile(call.now, call.timeLeftMs) }),
  birthdayGifts: action({ input: empty, guard: admin, run: (_i, call) => grantBirthdayGifts(call.now, call.timeLeftMs) }),
  purgeEphemeral: action({ input: empty, guard: admin, run: (_i, call) => purgeEphemeral(call.now) }),
});
