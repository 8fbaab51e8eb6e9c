import type { JobReport } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import { removeWhere } from '../../data/store';
import { expiredRefusals } from '../../platform/refusal-audit';

/**
 * Short-lived records (used code nonces, till sessions, scan-failure windows) are kept a day, then
 * dropped; order-feed nonces once their request could no longer be accepted anyway; records of refused admin attempts are kept for their retention period (platform/refusal-audit.ts).
 */
export async function purgeEphemeral(now: Date): Promise<JobReport> {
  const _ = command();
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const removed = await Promise.all([
    removeWhere(COLLECTIONS.usedCodes, { usedAt: _.lt(dayAgo) }),
    removeWhere(COLLECTIONS.tillSessions, { expiresAt: _.lt(dayAgo) }),
    removeWhere(COLLECTIONS.scanFailures, { windowStart: _.lt(dayAgo) }),
    removeWhere(COLLECTIONS.audit, expiredRefusals(now)),
    removeWhere(COLLECTIONS.integrationNonces, { expiresAt: _.lt(now) }),
  ]);
  return { job: 'purgeEphemeral', scanned: removed.reduce((a, b) => a + b, 0), changed: removed.reduce((a, b) => a + b, 0), partial: false };
}
