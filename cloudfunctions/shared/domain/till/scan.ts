import type { MemberSummary } from '../../../../typings/domain';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { MemberDoc, ScanFailureDoc, StaffDoc, TillSessionDoc, UsedCodeDoc } from '../../data/documents';
import { isDuplicateWrite } from '../../data/sdk-error';
import { getById, insert, patchWhere } from '../../data/store';
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

function failureWindow(staffId: string, now: Date): { id: string; start: Date } {
  const size = SCAN_FAILURE_WINDOW_MINUTES * 60_000;
  const start = new Date(Math.floor(now.getTime() / size) * size);
  return { id: keyId('scan_failures', staffId, start.getTime()), start };
}

/**
 * Takes one of the window's attempts before the code is checked, in one conditional atomic update
 * (`count < limit` → `count + 1`): however many scans arrive at once, at most `limit` of them are
 * checked per window. A scan that succeeds gives its attempt back; a failure keeps it. False when
 * the window is used up. The window's document is created by its first scan.
 */
async function takeAttempt(staffId: string, now: Date): Promise<boolean> {
  const { id, start } = failureWindow(staffId, now);
  const _ = command();
  const take = () => patchWhere(COLLECTIONS.scanFailures, { _id: id, count: _.lt(SCAN_FAILURE_LIMIT) }, { count: _.inc(1) });
  if ((await take()) === 1) return true;
  if (await getById<ScanFailureDoc>(COLLECTIONS.scanFailures, id)) return false;
  try {
    await insert<ScanFailureDoc>(COLLECTIONS.scanFailures, { _id: id, staffId, windowStart: start, count: 0 });
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error; // another scan of this window created it first
  }
  return (await take()) === 1;
}

async function failuresInWindow(staffId: string, now: Date): Promise<number> {
  return (await getById<ScanFailureDoc>(COLLECTIONS.scanFailures, failureWindow(staffId, now).id))?.count ?? 0;
}

async function giveBackAttempt(staffId: string, now: Date): Promise<void> {
  await patchWhere(COLLECTIONS.scanFailures, { _id: failureWindow(staffId, now).id, count: command().gt(0) }, { count: command().inc(-1) });
}

/** Marks the code's nonce used; a second use of the same code fails on the document id. */
async function consumeNonce(nonce: string, memberId: string, staffId: string, now: Date): Promise<void> {
  try {
    await insert<UsedCodeDoc>(COLLECTIONS.usedCodes, { _id: nonce, memberId, staffId, usedAt: now });
  } catch (error) {
    if (await getById<UsedCodeDoc>(COLLECTIONS.usedCodes, nonce)) throw new AppError('CODE_REPLAYED');
    throw error;
  }
}

/**
 * Verifies a scanned member code and opens a till session bound to that member and this staff
 * member. Each failure counts against the staff member; past the limit, scans are refused for
 * the rest of the window and an admin is flagged (brute force or a broken scanner). Staff
 * scanning their own member code are refused and flagged.
 */
export async function scanMemberCode(staff: StaffDoc, code: string, now: Date): Promise<{ sessionId: string; sessionExpiresAt: string; member: MemberSummary }> {
  const refuse = (detail: Record<string, unknown>, memberId: string | null = null) =>
    recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId, action: 'staff.scan', outcome: 'refused', detail, at: now });
  if (!(await takeAttempt(staff._id, now))) {
    await refuse({ code: 'RATE_LIMITED' });
    throw new AppError('RATE_LIMITED', `扫码失败次数过多，请 ${SCAN_FAILURE_WINDOW_MINUTES} 分钟后再试`);
  }
  const config = await loadConfiguration();
  let verified: { memberId: string; nonce: string };
  let member: MemberDoc;
  try {
    verified = verifyMemberCode(code, now, config.settings.memberCodeTtlSeconds, secret('MEMBER_CODE_SECRET'));
    // Independent requests, one round trip; a replayed code is reported before a missing member, as before.
    const [consumed, found] = await Promise.allSettled([consumeNonce(verified.nonce, verified.memberId, staff._id, now), requireActiveMember(verified.memberId)]);
    if (consumed.status === 'rejected') throw consumed.reason;
    if (found.status === 'rejected') throw found.reason;
    member = found.value;
  } catch (error) {
    if (!isAppError(error)) throw error;
    const failures = await failuresInWindow(staff._id, now);
    if (failures >= SCAN_FAILURE_LIMIT) {
      // Concurrent failures may all read the full count: the window's flag id keeps it one flag.
      const window = failureWindow(staff._id, now);
      await raiseFlag({ kind: 'scan_abuse', staffId: staff._id, detail: `${failures} failed scans within ${SCAN_FAILURE_WINDOW_MINUTES} minutes`, at: now }, keyId('flag_scan_abuse', window.id));
    }
    await refuse({ code: error.code });
    throw error;
  }
  await giveBackAttempt(staff._id, now);
  // A cashier crediting their own purchases is refused and flagged: every till action needs a session.
  if (member.openid !== null && member.openid === staff.openid) {
    await refuse({ code: 'STAFF_OWN_MEMBERSHIP' }, member._id);
    await raiseFlag({ kind: 'self_service', staffId: staff._id, detail: `scanned their own member code (member ${member._id})`, at: now });
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
  await recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId: member._id, action: 'staff.scan', outcome: 'ok', detail: {}, at: now });
  return { sessionId: session._id, sessionExpiresAt: toIso(session.expiresAt), member: memberSummary(member, config, now) };
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
