import type { MemberSummary } from '../../../../typings/domain';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc, StaffDoc, TillSessionDoc, UsedCodeDoc } from '../../data/documents';
import { getById, insert } from '../../data/store';
import { AppError, isAppError } from '../../platform/app-error';
import { keyId, newId } from '../../platform/ids';
import { secret } from '../../platform/secrets';
import { raiseFlag, recordAudit } from '../audit/audit';
import { memberSummary } from '../members/card-view';
import { requireActiveMember } from '../members/directory';
import { verifyMemberCode } from '../member-code/token';
import { SCAN_FAILURE_LIMIT, SCAN_FAILURE_WINDOW_MINUTES, TILL_SESSION_MINUTES } from '../settings/defaults';
import { loadConfiguration, type Configuration } from '../settings/service';
import { toIso } from '../time/calendar';
import { attemptWindow, failuresInWindow, giveBackAttempt, takeAttempt, type AttemptLimit } from './attempt-limit';

const SCAN_ATTEMPTS: AttemptLimit = { kind: 'scan_failures', limit: SCAN_FAILURE_LIMIT, windowMinutes: SCAN_FAILURE_WINDOW_MINUTES };

/** Marks the code's nonce used; a second use of the same code fails on the document id. */
export async function consumeNonce(nonce: string, memberId: string, staffId: string, now: Date): Promise<void> {
  try {
    await insert<UsedCodeDoc>(COLLECTIONS.usedCodes, { _id: nonce, memberId, staffId, usedAt: now });
  } catch (error) {
    if (await getById<UsedCodeDoc>(COLLECTIONS.usedCodes, nonce)) throw new AppError('CODE_REPLAYED');
    throw error;
  }
}

export type TillIdentification = { sessionId: string; sessionExpiresAt: string; member: MemberSummary };

/** One way of telling the till who the member is: a scanned code, or a typed card number and confirmation code. */
export interface IdentifyMethod {
  action: 'staff.scan' | 'staff.manualEntry';
  attempts: AttemptLimit;
  /** What a refused attempt past the limit tells the cashier. */
  limitMessage: string;
  /** Checks the input (AppError on a bad one) and returns the member it names; marks single-use tokens used. */
  verify: (config: Configuration) => Promise<MemberDoc>;
}

/**
 * Identifies the member and opens a till session bound to that member and this staff member.
 * Each failure counts against the staff member; past the limit, attempts are refused for the rest
 * of the window and an admin is flagged (brute force or a broken scanner). Staff identifying
 * their own membership are refused and flagged. Every attempt is audited.
 */
export async function openTillSession(staff: StaffDoc, method: IdentifyMethod, now: Date): Promise<TillIdentification> {
  const { attempts } = method;
  const refuse = (detail: Record<string, unknown>, memberId: string | null = null) =>
    recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId, action: method.action, outcome: 'refused', detail, at: now });
  if (!(await takeAttempt(attempts, staff._id, now))) {
    await refuse({ code: 'RATE_LIMITED' });
    throw new AppError('RATE_LIMITED', method.limitMessage);
  }
  const config = await loadConfiguration();
  let member: MemberDoc;
  try {
    member = await method.verify(config);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const failures = await failuresInWindow(attempts, staff._id, now);
    if (failures >= attempts.limit) {
      // Concurrent failures may all read the full count: the window's flag id keeps it one flag.
      const window = attemptWindow(attempts, staff._id, now);
      await raiseFlag({ kind: 'scan_abuse', staffId: staff._id, detail: `${failures} failed ${method.action} attempts within ${attempts.windowMinutes} minutes`, at: now }, keyId('flag_scan_abuse', window.id));
    }
    await refuse({ code: error.code });
    throw error;
  }
  await giveBackAttempt(attempts, staff._id, now);
  // A cashier crediting their own purchases is refused and flagged: every till action needs a session.
  if (member.openid !== null && member.openid === staff.openid) {
    await refuse({ code: 'STAFF_OWN_MEMBERSHIP' }, member._id);
    await raiseFlag({ kind: 'self_service', staffId: staff._id, detail: `identified their own membership at the till (member ${member._id}, ${method.action})`, at: now });
    throw new AppError('STAFF_OWN_MEMBERSHIP');
  }
  const session: TillSessionDoc = {
    _id: newId(),
    staffId: staff._id,
    storeId: staff.storeId,
    memberId: member._id,
    expiresAt: new Date(now.getTime() + TILL_SESSION_MINUTES * 60_000),
    createdAt: now,
  };
  await insert(COLLECTIONS.tillSessions, session);
  await recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId: member._id, action: method.action, outcome: 'ok', detail: {}, at: now });
  return { sessionId: session._id, sessionExpiresAt: toIso(session.expiresAt), member: memberSummary(member, config, now) };
}

/** The scanned member code: signed, unexpired, used once (its nonce). */
export function scanMemberCode(staff: StaffDoc, code: string, now: Date): Promise<TillIdentification> {
  return openTillSession(staff, {
    action: 'staff.scan',
    attempts: SCAN_ATTEMPTS,
    limitMessage: `扫码失败次数过多，请 ${SCAN_FAILURE_WINDOW_MINUTES} 分钟后再试`,
    verify: async (config) => {
      const verified = verifyMemberCode(code, now, config.settings.memberCodeTtlSeconds, secret('MEMBER_CODE_SECRET'));
      // Independent requests, one round trip; a replayed code is reported before a missing member, as before.
      const [consumed, found] = await Promise.allSettled([consumeNonce(verified.nonce, verified.memberId, staff._id, now), requireActiveMember(verified.memberId)]);
      if (consumed.status === 'rejected') throw consumed.reason;
      if (found.status === 'rejected') throw found.reason;
      return found.value;
    },
  }, now);
}

/** The session a till action refers to; it must be this staff member's and still open. */
export async function requireSession(staff: StaffDoc, sessionId: string, now: Date): Promise<TillSessionDoc> {
  const session = await getById<TillSessionDoc>(COLLECTIONS.tillSessions, sessionId);
  if (!session || session.staffId !== staff._id || session.expiresAt <= now) throw new AppError('SESSION_INVALID');
  return session;
}

/** The session and the configuration a till action needs, read together (one round trip). */
export async function requireSessionAndConfiguration(staff: StaffDoc, sessionId: string, now: Date): Promise<[TillSessionDoc, Configuration]> {
  return Promise.all([requireSession(staff, sessionId, now), loadConfiguration()]);
}
