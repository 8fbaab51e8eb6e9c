import type { NpsPrompt } from '../../../../typings/api/feedback';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc, NpsResponseDoc } from '../../data/documents';
import { isDuplicateWrite } from '../../data/sdk-error';
import { getById, insert } from '../../data/store';
import { keyId } from '../../platform/ids';
import { requireMemberByOpenid } from '../members/directory';
import { addDays, monthKey } from '../time/calendar';

/** Asked at most once per calendar quarter (China time), answered or dismissed. */
export function npsPeriod(now: Date): string {
  const [year, month] = monthKey(now).split('-').map(Number);
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The question follows a purchase made within this many days; older purchases are not asked about. */
export const NPS_RECENT_PURCHASE_DAYS = 14;

const responseId = (memberId: string, period: string) => keyId('nps', memberId, period);

/** Pure rule: a recent purchase and no answer or dismissal this period. */
export function npsDue(member: Pick<MemberDoc, 'stats'>, answered: boolean, now: Date): boolean {
  const last = member.stats.lastPurchaseAt;
  return !answered && last !== null && addDays(last, NPS_RECENT_PURCHASE_DAYS) > now;
}

export async function npsPrompt(openid: string, now: Date): Promise<NpsPrompt> {
  const member = await requireMemberByOpenid(openid);
  const period = npsPeriod(now);
  const existing = await getById<NpsResponseDoc>(COLLECTIONS.npsResponses, responseId(member._id, period));
  return { due: npsDue(member, existing !== null, now), period };
}

/** Records the period's answer (score) or dismissal (null); the first one of the period wins. */
export async function recordNps(openid: string, score: number | null, comment: string | null, now: Date): Promise<{ recorded: boolean; period: string }> {
  const member = await requireMemberByOpenid(openid);
  const period = npsPeriod(now);
  try {
    await insert<NpsResponseDoc>(COLLECTIONS.npsResponses, { _id: responseId(member._id, period), memberId: member._id, period, score, comment, answeredAt: now });
    return { recorded: true, period };
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    return { recorded: false, period };
  }
}
