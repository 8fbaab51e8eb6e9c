import { secret } from '../../platform/secrets';
import { requireMemberByOpenid } from '../members/directory';
import { loadConfiguration } from '../settings/service';
import { toIso } from '../time/calendar';
import { confirmCodeFor, confirmStep } from './confirm-code';
import { issueMemberCode } from './token';

/** A fresh code for the shopper's card; the page refreshes it before `expiresAt`. */
export async function currentMemberCode(openid: string, now: Date): Promise<{ code: string; expiresAt: string; ttlSeconds: number; confirmCode: string }> {
  const [member, config] = await Promise.all([requireMemberByOpenid(openid), loadConfiguration()]);
  const ttlSeconds = config.settings.memberCodeTtlSeconds;
  const key = secret('MEMBER_CODE_SECRET');
  const { code, expiresAt } = issueMemberCode(member._id, now, ttlSeconds, key);
  // Read out at the till when the camera fails (till/manual-entry.ts).
  const confirmCode = confirmCodeFor(member._id, confirmStep(now, ttlSeconds), key);
  return { code, expiresAt: toIso(expiresAt), ttlSeconds, confirmCode };
}
