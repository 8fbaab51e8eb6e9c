import { secret } from '../../platform/secrets';
import { requireMemberByOpenid } from '../members/directory';
import { loadConfiguration } from '../settings/service';
import { toIso } from '../time/calendar';
import { issueMemberCode } from './token';

/** A fresh code for the shopper's card; the page refreshes it before `expiresAt`. */
export async function currentMemberCode(openid: string, now: Date): Promise<{ code: string; expiresAt: string; ttlSeconds: number }> {
  const [member, config] = await Promise.all([requireMemberByOpenid(openid), loadConfiguration()]);
  const ttlSeconds = config.settings.memberCodeTtlSeconds;
  const { code, expiresAt } = issueMemberCode(member._id, now, ttlSeconds, secret('MEMBER_CODE_SECRET'));
  return { code, expiresAt: toIso(expiresAt), ttlSeconds };
}
