import type { MemberSummary } from '../../../../typings/domain';
import { COLLECTIONS } from '../../data/collections';
import type { ScanFailureDoc, StaffDoc, TillSessionDoc, UsedCodeDoc } from '../../data/documents';
import { getById, insert } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError, isAppError } from '../../platform/app-error';
import { newId } from '../../platform/ids';
import { secret } from '../../platform/secrets';
import { raiseFlag, recordAudit } from '../audit/audit';
import { memberSummary } from '../members/card-view';
import { requireActiveMember } from '../members/directory';
import { verifyMemberCode } from '../member-code/token';
import { SCAN_FAILURE_LIMIT, SCAN_FAILURE_WINDOW_MINUTES, TILL_SESSION_MINUTES } from '../settings/defaults';
import { loadConfiguration } from '../settings/service';
import { toIso } from '../time/calendar';

function failureWindow(staffId: string, now: Date): { id: string; start: Date } {
  const size = SCAN_FAILURE_WINDOW_MINUTES * 60_000;
  const start = new Date(Math.floor(now.getTime() / size) * size);
  return { id: `${staffId}_${start.getTime()}`, start };
}

async function countFailure(staffId: string, now: Date): Promise<number> {
  const { id, start } = failureWindow(staffId, now);
  return inTransaction(async (tx) => {
    const doc = await tx.get<ScanFailureDoc>(COLLECTIONS.scanFailures, id);
    const count = (doc?.count ?? 0) + 1;
    await tx.put<ScanFailureDoc>(COLLECTIONS.scanFailures, { _id: id, staffId, windowStart: start, count });
    return count;
  });
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
 * the rest of the window and an admin is flagged (brute force or a broken scanner).
 */
export async function scanMemberCode(staff: StaffDoc, code: string, now: Date): Promise<{ sessionId: string; sessionExpiresAt: string; member: MemberSummary }> {
  const window = failureWindow(staff._id, now);
  const failures = await getById<ScanFailureDoc>(COLLECTIONS.scanFailures, window.id);
  if ((failures?.count ?? 0) >= SCAN_FAILURE_LIMIT) {
    await recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId: null, action: 'staff.scan', outcome: 'refused', detail: { code: 'RATE_LIMITED' }, at: now });
    throw new AppError('RATE_LIMITED', `扫码失败次数过多，请 ${SCAN_FAILURE_WINDOW_MINUTES} 分钟后再试`);
  }
  const config = await loadConfiguration();
  try {
    const verified = verifyMemberCode(code, now, config.settings.memberCodeTtlSeconds, secret('MEMBER_CODE_SECRET'));
    await consumeNonce(verified.nonce, verified.memberId, staff._id, now);
    const member = await requireActiveMember(verified.memberId);
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
  } catch (error) {
    if (!isAppError(error)) throw error;
    const count = await countFailure(staff._id, now);
    if (count === SCAN_FAILURE_LIMIT) {
      await raiseFlag({ kind: 'scan_abuse', staffId: staff._id, detail: `${count} failed scans within ${SCAN_FAILURE_WINDOW_MINUTES} minutes`, at: now });
    }
    await recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId: null, action: 'staff.scan', outcome: 'refused', detail: { code: error.code }, at: now });
    throw error;
  }
}

/** The session a till action refers to; it must be this staff member's and still open. */
export async function requireSession(staff: StaffDoc, sessionId: string, now: Date): Promise<TillSessionDoc> {
  const session = await getById<TillSessionDoc>(COLLECTIONS.tillSessions, sessionId);
  if (!session || session.staffId !== staff._id || session.expiresAt <= now) throw new AppError('SESSION_INVALID');
  return session;
}
