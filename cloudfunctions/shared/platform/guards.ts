import type { StaffDoc } from '../data/documents';
import { loadAdminOpenids } from '../domain/settings/service';
import { requireStaff } from '../domain/till/staff-directory';
import { AppError } from './app-error';
import { endUserOpenid, isOwnBackendCall, isOwnTimer, isPayCallback, mayPresentAdminKey } from './caller';
import type { CallContext } from './handler';
import { auditRefusal } from './refusal-audit';

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

/**
 * Who gets admin authority, by allow-list only; the answer is the actor recorded in audits.
 * Everything else, including an empty or unknown source on its own, is refused and audited.
 */
async function adminActor(call: CallContext): Promise<string | null> {
  if (isOwnTimer(call.caller)) return 'timer';
  if (isOwnBackendCall(call.caller)) return `function:${call.caller.source}`;
  if (call.adminKey === 'valid' && mayPresentAdminKey(call.caller)) return `admin-key:${call.caller.source || '(no source)'}`;
  const openid = endUserOpenid(call.caller);
  if (openid && (await loadAdminOpenids()).includes(openid)) return `admin:${openid}`;
  return null;
}

/** The console (with the admin key), the function's own timers and functions, or a listed admin openid. */
export async function admin(call: CallContext): Promise<string> {
  const actor = await adminActor(call);
  if (actor) return actor;
  await auditRefusal(call, 'FORBIDDEN');
  throw new AppError('FORBIDDEN', 'This action is for administrators only');
}

/** WeChat Pay's payment and refund notifications only (source wx_paycallback); everyone else is refused and audited. */
export async function payCallback(call: CallContext): Promise<string> {
  if (isPayCallback(call.caller)) return 'wx_paycallback';
  await auditRefusal(call, 'FORBIDDEN');
  throw new AppError('FORBIDDEN', 'Only WeChat Pay notifications reach this action');
}
