import type { CustomerRef } from '../../../../typings/api/orders';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc } from '../../data/documents';
import { findOne, getById } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { secret } from '../../platform/secrets';
import { findMemberByOpenid } from '../members/directory';
import { claimKeyDigest, phoneHash } from '../members/personal-data';
import { verifyMemberCode } from '../member-code/token';
import type { Configuration } from '../settings/service';

/** Who an order belongs to: a member, or a key under which the order waits for the customer to join. */
export type Customer = { kind: 'member'; memberId: string } | { kind: 'unknown'; claimKey: string };

function active(member: MemberDoc | null): Customer | null {
  return member && member.status === 'active' ? { kind: 'member', memberId: member._id } : null;
}

/**
 * Finds the member from what the source knows (docs/order-feed.md, "Who bought it"):
 * - a member code scanned at the POS: signature and expiry checked like the till's scan (the
 *   member code's own codes on failure); not consumed, because the order number already makes
 *   the event count once and a retried event must find the same member;
 * - a card number (`card_numbers`), a phone number (through the stored keyed hash), an openid
 *   (the member identity of the mini-program), a unionid (not stored on members: such orders wait).
 * A card number or member code that matches nobody is an error (the POS read it from us); a phone
 * or WeChat identity that matches nobody is a customer who may still join: the order waits.
 */
export async function identifyCustomer(ref: CustomerRef, config: Configuration, now: Date): Promise<Customer> {
  if ('memberCode' in ref) {
    const verified = verifyMemberCode(ref.memberCode, now, config.settings.memberCodeTtlSeconds, secret('MEMBER_CODE_SECRET'));
    const found = active(await getById<MemberDoc>(COLLECTIONS.members, verified.memberId));
    if (!found) throw new AppError('MEMBER_NOT_FOUND');
    return found;
  }
  if ('cardNo' in ref) {
    const card = await getById<{ _id: string; memberId: string }>(COLLECTIONS.cardNumbers, ref.cardNo);
    const found = card ? active(await getById<MemberDoc>(COLLECTIONS.members, card.memberId)) : null;
    if (!found) throw new AppError('MEMBER_NOT_FOUND', '没有该卡号的会员');
    return found;
  }
  if ('phone' in ref) {
    const found = active(await findOne<MemberDoc>(COLLECTIONS.members, { 'phone.hash': phoneHash(ref.phone), status: 'active' }));
    return found ?? { kind: 'unknown', claimKey: claimKeyDigest('phone', ref.phone) };
  }
  if ('openid' in ref) {
    return active(await findMemberByOpenid(ref.openid)) ?? { kind: 'unknown', claimKey: claimKeyDigest('openid', ref.openid) };
  }
  return { kind: 'unknown', claimKey: claimKeyDigest('unionid', ref.unionid) };
}

/** The keys under which orders may be waiting for this member. */
export function claimKeysOf(identity: { openid: string | null; unionid: string | null; phone: string | null }): string[] {
  return [
    ...(identity.openid ? [claimKeyDigest('openid', identity.openid)] : []),
    ...(identity.unionid ? [claimKeyDigest('unionid', identity.unionid)] : []),
    ...(identity.phone ? [claimKeyDigest('phone', identity.phone)] : []),
  ];
}
