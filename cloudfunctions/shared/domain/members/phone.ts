import type { ProfileView } from '../../../../typings/domain';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc, MemberIdentityDoc } from '../../data/documents';
import { getById } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { logger } from '../../platform/logger';
import { callOpenApi } from '../../platform/open-api';
import { claimWaitingOrders } from '../orders/unclaimed';
import { mainlandPhone } from '../../platform/schemas';
import { profileView } from './card-view';
import { identityIdFor, requireMemberByOpenid } from './directory';
import { protectPhone } from './personal-data';

/**
 * Exchanges the code of `<button open-type="getPhoneNumber">` for the phone number on the server
 * (phonenumber.getPhoneNumber: each code once, within 5 minutes) and stores it protected. The
 * page never sends a number: what WeChat verified is what is stored.
 */
export async function bindPhone(openid: string, code: string, now: Date): Promise<ProfileView> {
  await requireMemberByOpenid(openid);
  const answer = await callOpenApi('phonenumber.getPhoneNumber', { code });
  if (answer.errcode === 40029) throw new AppError('PHONE_CODE_INVALID', '手机号验证已失效，请重新获取');
  const info = answer.phone_info as { purePhoneNumber?: unknown; countryCode?: unknown } | undefined;
  if (answer.errcode !== 0 || typeof info?.purePhoneNumber !== 'string') {
    logger.error({ errcode: answer.errcode, errmsg: answer.errmsg }, 'phonenumber.getPhoneNumber failed');
    throw new AppError('INTERNAL', 'phone number exchange failed');
  }
  const phone = info.purePhoneNumber;
  // The profile holds mainland mobiles only (the rest of the product masks and validates them so).
  if (String(info.countryCode ?? '86') !== '86' || !mainlandPhone.safeParse(phone).success) throw new AppError('INVALID_INPUT', '仅支持中国大陆手机号');
  const updated = await inTransaction(async (tx) => {
    const identity = await tx.get<MemberIdentityDoc>(COLLECTIONS.memberIdentities, identityIdFor(openid));
    const member = identity ? await tx.get<MemberDoc>(COLLECTIONS.members, identity.memberId) : null;
    if (!member || member.status !== 'active') throw new AppError('NOT_REGISTERED');
    const next: MemberDoc = { ...member, phone: protectPhone(phone), updatedAt: now };
    await tx.put(COLLECTIONS.members, next);
    return next;
  });
  // The number may be the one a shop or POS order waits under (domain/orders/unclaimed.ts).
  const claimed = await claimWaitingOrders(updated, { openid: null, unionid: null, phone }, now);
  return profileView(claimed > 0 ? ((await getById<MemberDoc>(COLLECTIONS.members, updated._id)) ?? updated) : updated);
}
