import type { JobReport } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { MemberDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { walk } from '../jobs/walk';
import { normalise } from './account';

const PAGE = 100;

/** Settles and expires one member's due lots; a no-op when nothing is due (so reruns are harmless). */
async function normaliseMember(memberId: string, now: Date): Promise<boolean> {
  return inTransaction(async (tx) => {
    const current = await tx.get<MemberDoc>(COLLECTIONS.members, memberId);
    if (!current) return false;
    const { member, entries } = normalise(current, now, 'system:jobs');
    const changed = entries.length > 0 || member.points.pending !== current.points.pending;
    if (!changed) return false;
    for (const entry of entries) await tx.create(COLLECTIONS.ledger, entry);
    await tx.put(COLLECTIONS.members, member);
    return true;
  });
}

/**
 * Walks the members with something due on `field` (an indexed date) and normalises each. A
 * member leaves the due set once handled, so a run cut short by the time limit simply leaves
 * the rest for the next timer run.
 */
async function normaliseDue(job: string, field: 'nextExpiryAt' | 'nextSettleAt', now: Date, timeLeftMs: () => number): Promise<JobReport> {
  const _ = command();
  let changed = 0;
  const result = await walk<MemberDoc>(COLLECTIONS.members, { [field]: _.lte(now) }, { pageSize: PAGE, timeLeftMs }, async (members) => {
    for (const member of members) if (await normaliseMember(member._id, now)) changed += 1;
  });
  return { job, scanned: result.scanned, changed, partial: result.cursor !== null };
}

export function expireDuePoints(now: Date, timeLeftMs: () => number): Promise<JobReport> {
  return normaliseDue('expirePoints', 'nextExpiryAt', now, timeLeftMs);
}

export function settleDuePoints(now: Date, timeLeftMs: () => number): Promise<JobReport> {
  return normaliseDue('settlePending', 'nextSettleAt', now, timeLeftMs);
}
