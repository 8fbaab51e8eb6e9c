import type { StaffDoc } from '../data/documents';
import { loadAdminOpenids } from '../domain/settings/service';
import { requireStaff } from '../domain/till/staff-directory';
import { AppError } from './app-error';
import { isTrustedBackendCall } from './caller';
import type { CallContext } from './handler';

/** Guards authorise a call from the platform's identity alone and return what the action needs. */

export async function shopper(call: CallContext): Promise<string> {
  if (!call.caller.openid) throw new AppError('UNAUTHENTICATED');
  return call.caller.openid;
}

export async function staff(call: CallContext): Promise<StaffDoc> {
  return requireStaff(call.caller.openid);
}

/** Console, timers and other functions (no end-user identity, not over HTTP), or a listed admin openid. */
export async function admin(call: CallContext): Promise<string> {
  if (isTrustedBackendCall(call.caller)) return `backend:${call.caller.source || 'console'}`;
  if (call.caller.openid && (await loadAdminOpenids()).includes(call.caller.openid)) return `admin:${call.caller.openid}`;
  throw new AppError('FORBIDDEN', 'This action is for administrators only');
}
