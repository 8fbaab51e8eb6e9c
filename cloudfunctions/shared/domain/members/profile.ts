import type { ProfileView } from '../../../../typings/domain';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { claimWaitingOrders } from '../orders/unclaimed';
import { AppError } from '../../platform/app-error';
import { loadConfiguration } from '../settings/service';
import { profileView } from './card-view';
import { birthdayChange, birthMonthOf } from './birthday';
import { identityIdFor } from './directory';
import { protectPhone } from './personal-data';
import type { MemberIdentityDoc } from '../../data/documents';

export interface ProfileChanges {
  nickname?: string;
  birthday?: string | null;
  phone?: string | null;
  consentVersion?: string;
}

export async function updateProfile(openid: string, changes: ProfileChanges, now: Date): Promise<ProfileView> {
  const config = await loadConfiguration();
  if (changes.consentVersion !== undefined && changes.consentVersion !== config.settings.privacyPolicyVersion) {
    throw new AppError('CONSENT_REQUIRED', `当前隐私政策版本为 ${config.settings.privacyPolicyVersion}`);
  }
  const updated = await inTransaction(async (tx) => {
    const identity = await tx.get<MemberIdentityDoc>(COLLECTIONS.memberIdentities, identityIdFor(openid));
    const member = identity ? await tx.get<MemberDoc>(COLLECTIONS.members, identity.memberId) : null;
    if (!member || member.status !== 'active') throw new AppError('NOT_REGISTERED');
    const updated: MemberDoc = {
      ...member,
      nickname: changes.nickname ?? member.nickname,
      birthday: changes.birthday === undefined ? member.birthday : changes.birthday,
      birthdayChangedAt: birthdayChange(member, changes.birthday, now),
      birthMonth: changes.birthday === undefined ? (member.birthMonth ?? birthMonthOf(member.birthday)) : birthMonthOf(changes.birthday),
      phone: changes.phone === undefined ? member.phone : changes.phone === null ? null : protectPhone(changes.phone),
      consent: changes.consentVersion ? { version: changes.consentVersion, at: now } : member.consent,
      updatedAt: now,
    };
    await tx.put(COLLECTIONS.members, updated);
    return updated;
  });
  // A phone number set now may be the one a shop or POS order waits under (domain/orders/unclaimed.ts).
  if (changes.phone) await claimWaitingOrders(updated, { openid: null, unionid: null, phone: changes.phone }, now);
  return profileView(updated);
}
