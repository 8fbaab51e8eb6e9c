import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc, MemberIdentityDoc } from '../../data/documents';
import { getById } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { digestId } from '../../platform/ids';

/** The identity document's id for an openid: one member per openid is enforced by this key. */
export function identityIdFor(openid: string): string {
  return digestId(openid, 'wx-openid');
}

export async function findMemberByOpenid(openid: string): Promise<MemberDoc | null> {
  const identity = await getById<MemberIdentityDoc>(COLLECTIONS.memberIdentities, identityIdFor(openid));
  if (!identity) return null;
  const member = await getById<MemberDoc>(COLLECTIONS.members, identity.memberId);
  return member && member.status === 'active' ? member : null;
}

export async function requireMemberByOpenid(openid: string): Promise<MemberDoc> {
  const member = await findMemberByOpenid(openid);
  if (!member) throw new AppError('NOT_REGISTERED');
  return member;
}

export async function requireActiveMember(memberId: string): Promise<MemberDoc> {
  const member = await getById<MemberDoc>(COLLECTIONS.members, memberId);
  if (!member || member.status !== 'active') throw new AppError('MEMBER_NOT_FOUND');
  return member;
}
