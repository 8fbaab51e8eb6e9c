import { main as adminMain } from '../../cloudfunctions/admin';
import { main as campaignMain } from '../../cloudfunctions/campaign';
import { main as couponMain } from '../../cloudfunctions/coupon';
import { main as groupbuyMain } from '../../cloudfunctions/groupbuy';
import { main as jobsMain } from '../../cloudfunctions/jobs';
import { main as referralMain } from '../../cloudfunctions/referral';
import type { CloudContext } from '../../cloudfunctions/shared/platform/caller';
import type { CloudFunction } from '../../cloudfunctions/shared/platform/handler';
import type { AdminRole } from '../../typings/api/console';
import type { FunctionName } from '../../typings/api';
import { actor, type Actor, type LoyaltyWorld } from './loyalty';

const MAINS: Partial<Record<FunctionName, CloudFunction>> = { admin: adminMain, campaign: campaignMain, coupon: couponMain, groupbuy: groupbuyMain, jobs: jobsMain, referral: referralMain };

let sequence = 0;

/**
 * The invocation context CloudBase gives a call from the web SDK (@cloudbase/js-sdk) of a
 * signed-in account: TCB_SOURCE web_client and the account's uid in TCB_UUID, in the older
 * `environ` string format (`k=v;k=v`) that node-sdk's parseContext reads.
 */
export function webClientContext(uid: string, source = 'web_client'): CloudContext {
  sequence += 1;
  return { request_id: `web-${sequence}`, environ: `TCB_ENV=local;TCB_SOURCE=${source};TCB_UUID=${uid};TCB_ISANONYMOUS_USER=false` };
}

/** A console account's caller: the admin functions' `main(event, context)` with the web SDK's context. */
export function webAccount(uid: string, source = 'web_client'): Actor {
  return actor(async (name, event) => {
    const main = MAINS[name as FunctionName];
    if (!main) throw new Error(`${name} has no admin actions`);
    return main(event, webClientContext(uid, source));
  });
}

/** Creates (or changes) a console account through admin.upsertAdmin from the console, and answers its caller. */
export async function consoleAccount(world: LoyaltyWorld, uid: string, role: AdminRole, active = true): Promise<Actor> {
  await world.console.call('admin', 'upsertAdmin', { uid, username: `u_${uid}`, name: `管理员${uid}`, role, active });
  return webAccount(uid);
}
