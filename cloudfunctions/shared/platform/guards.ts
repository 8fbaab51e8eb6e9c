import type { ActorRole } from '../../../typings/api/console';
import type { StaffDoc } from '../data/documents';
import { activeAdmin } from '../domain/admins/accounts';
import { loadAdminOpenids } from '../domain/settings/service';
import { requireStaff } from '../domain/till/staff-directory';
import { AppError } from './app-error';
import { endUserOpenid, isOwnBackendCall, isOwnTimer, isPayCallback, mayPresentAdminKey, webAccountUid } from './caller';
import type { CallContext } from './handler';
import { consoleActor } from './principal';
import { auditRefusal } from './refusal-audit';
import { mayAct } from './roles';

/**
 * Guards authorise a call from what the platform says (the context) and return what the action
 * needs. Every rule here is listed in docs/authority.md.
 */

/** A mini-program user, identified by the openid WeChat vouches for. */
export async function shopper(call: CallContext): Promise<string> {
  const openid = endUserOpenid(call.caller);
  if (!openid) throw new AppError('UNAUTHENTICATED');
  return openid;
}

/** A mini-program user listed as active staff; the role and store come from the staff record. */
export async function staff(call: CallContext): Promise<StaffDoc> {
  return requireStaff(endUserOpenid(call.caller));
}

/** An admin as the guard established it: the actor string written to audits and ledgers, and its role. */
export interface AdminPrincipal {
  actor: string;
  role: ActorRole;
  /** Display name: the console account's name; the actor string otherwise. */
  name: string;
}

/**
 * Who gets admin authority, by allow-list only; the answer is the actor recorded in audits.
 * Everything else, including an empty or unknown source on its own, is refused and audited.
 */
export async function adminPrincipal(call: CallContext): Promise<AdminPrincipal | null> {
  const system = (actor: string): AdminPrincipal => ({ actor, role: 'system', name: actor });
  if (isOwnTimer(call.caller)) return system('timer');
  if (isOwnBackendCall(call.caller)) return system(`function:${call.caller.source}`);
  if (call.adminKey === 'valid' && mayPresentAdminKey(call.caller)) return system(`admin-key:${call.caller.source || '(no source)'}`);
  const uid = webAccountUid(call.caller);
  if (uid) {
    const account = await activeAdmin(uid);
    return account ? { actor: consoleActor(account.role, uid), role: account.role, name: account.name } : null;
  }
  const openid = endUserOpenid(call.caller);
  if (openid && (await loadAdminOpenids()).includes(openid)) return { actor: `admin:${openid}`, role: 'owner', name: `admin:${openid}` };
  return null;
}

/**
 * The console (with the admin key), the function's own timers and functions, a listed admin
 * openid, or a console account whose role the action allows (`roles` beside the action).
 */
export async function admin(call: CallContext): Promise<string> {
  const principal = await adminPrincipal(call);
  if (!principal) {
    await auditRefusal(call, 'FORBIDDEN');
    throw new AppError('FORBIDDEN', 'This action is for administrators only');
  }
  if (!mayAct(principal.role, call.roles)) {
    await auditRefusal(call, 'ROLE_FORBIDDEN');
    throw new AppError('ROLE_FORBIDDEN', `Role ${principal.role} may not call ${call.target.fn}.${call.target.action}`);
  }
  return principal.actor;
}

/** WeChat Pay's payment and refund notifications only (source wx_paycallback); everyone else is refused and audited. */
export async function payCallback(call: CallContext): Promise<string> {
  if (isPayCallback(call.caller)) return 'wx_paycallback';
  await auditRefusal(call, 'FORBIDDEN');
  throw new AppError('FORBIDDEN', 'Only WeChat Pay notifications reach this action');
}
