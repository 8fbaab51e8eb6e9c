import { auditInTransaction } from '../audit/audit';
import type { JobReport } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { MemberDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { walk } from '../jobs/walk';
import { ledgerDoc, ledgerIds, lotIds, normalise, pointsStateOf, withPointsState } from '../points/account';
import { earn } from '../points/ledger';
import { loadConfiguration, type Configuration } from '../settings/service';
import { businessYear, endOfMonthAfter, monthOfYear } from '../time/calendar';
import { tierByCode } from './ladder';
import { birthdayGiftEvent } from '../notifications/events';
import { notifyInTransaction } from '../notifications/notice';

/** One member's gift, once per year: the gift entry's id and the member's gift year make it idempotent. */
async function giftMember(memberId: string, config: Configuration, now: Date): Promise<boolean> {
  const year = businessYear(now);
  return inTransaction(async (tx) => {
    const current = await tx.get<MemberDoc>(COLLECTIONS.members, memberId);
    if (!current || current.status !== 'active' || current.birthdayGiftYear === year) return false;
    const points = tierByCode(config.tiers, current.tier).benefits.birthdayGiftPoints;
    const { member, entries } = normalise(current, now, 'system:birthday');
    let next: MemberDoc = { ...member, birthdayGiftYear: year };
    if (points > 0) {
      const entryId = ledgerIds.birthdayGift(memberId, year);
      const applied = earn(pointsStateOf(member), { id: lotIds.adjustment(entryId), amount: points, earnedAt: now, availableAt: now, expiresAt: endOfMonthAfter(now, config.settings.expiryMonths), orderNo: null }, 'adjust');
      next = { ...withPointsState(member, applied.state, now), birthdayGiftYear: year };
      entries.push(ledgerDoc(memberId, applied.entry, next.points.balance, { id: entryId, reason: 'birthday_gift', actor: 'system:birthday', now }));
      await notifyInTransaction(tx, birthdayGiftEvent(memberId, year, points, now), now);
      await auditInTransaction(tx, {
        actor: { kind: 'system', id: 'birthday' },
        storeId: null,
        memberId,
        action: 'jobs.birthdayGifts',
        outcome: 'ok',
        detail: { points, tier: current.tier, year },
        at: now,
      });
    }
    await tx.put(COLLECTIONS.members, next);
    for (const entry of entries) await tx.create(COLLECTIONS.ledger, entry);
    return points > 0;
  });
}

/**
 * The tier birthday gift (timer, daily): members whose birthday month is this month and who have
 * not had this year's gift get their tier's `birthdayGiftPoints`, available at once.
 */
export async function grantBirthdayGifts(now: Date, timeLeftMs: () => number): Promise<JobReport> {
  const config = await loadConfiguration();
  const _ = command();
  let changed = 0;
  const where = { birthMonth: monthOfYear(now), status: 'active', birthdayGiftYear: _.neq(businessYear(now)) };
  const result = await walk<MemberDoc>(COLLECTIONS.members, where, { pageSize: 100, timeLeftMs }, async (members) => {
    for (const member of members) if (await giftMember(member._id, config, now)) changed += 1;
  });
  return { job: 'birthdayGifts', scanned: result.scanned, changed, partial: result.cursor !== null };
}
