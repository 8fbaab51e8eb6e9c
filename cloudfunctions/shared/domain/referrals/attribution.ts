import type { ReferralAttribution, ReferralRefusal } from '../../../../typings/api/referral';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc, ReferralDoc, ReferralTouchDoc } from '../../data/documents';
import { getById, insert } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { digestId } from '../../platform/ids';
import { findMemberByOpenid } from '../members/directory';
import { erasedMemory } from '../members/erased-identities';
import { maskName } from '../members/personal-data';
import { ownerOfCode } from './codes';
import { loadReferralSettings } from './settings';

const DAY = 24 * 3600_000;

export function touchIdFor(openid: string): string {
  return digestId(openid, 'referral-touch');
}

/** An inviter a new member will be attributed to, decided before the registration transaction. */
export interface PendingAttribution {
  inviterId: string;
  code: string;
}

export interface InviteResolution {
  attribution: PendingAttribution | null;
  /** What to tell the registrant; null when no invite was involved at all. */
  outcome: ReferralAttribution | null;
}

const refused = (reason: ReferralRefusal): InviteResolution => ({ attribution: null, outcome: { attributed: false, reason } });

/**
 * Which inviter a registering WeChat user would be attributed to. The first invite link they
 * opened (touch) wins over a code given at registration; it must be within the attribution window;
 * the inviter must be an active member other than the registrant. Registration never fails because
 * of an invite: a bad one is reported and ignored. Whether the registrant is brand new is decided
 * inside the registration transaction (an existing member is never attributed).
 */
export async function resolveInvite(openid: string, inviteCode: string | undefined, now: Date): Promise<InviteResolution> {
  const touch = await getById<ReferralTouchDoc>(COLLECTIONS.referralTouches, touchIdFor(openid));
  const code = touch?.code ?? inviteCode;
  if (!code) return { attribution: null, outcome: null };
  const settings = await loadReferralSettings();
  if (!settings.enabled) return refused('DISABLED');
  const inviterId = await ownerOfCode(code);
  if (!inviterId) return refused('UNKNOWN_CODE');
  const touchedAt = touch?.touchedAt ?? now;
  if (now.getTime() - touchedAt.getTime() > settings.attributionWindowDays * DAY) return refused('WINDOW_PASSED');
  const inviter = await getById<MemberDoc>(COLLECTIONS.members, inviterId);
  if (!inviter || inviter.status !== 'active') return refused('INVITER_INACTIVE');
  if (inviter.openid === openid) return refused('SELF_REFERRAL');
  return { attribution: { inviterId, code }, outcome: { attributed: true, reason: null } };
}

/** The referral record created in the registration transaction (id = invitee: attributed at most once). */
export function referralDoc(pending: PendingAttribution, invitee: MemberDoc, now: Date): ReferralDoc {
  return {
    _id: invitee._id,
    inviterId: pending.inviterId,
    inviteeMasked: maskName(invitee.nickname),
    code: pending.code,
    status: 'attributed',
    attributedAt: now,
    convertedAt: null,
    orderNo: null,
    inviteePoints: 0,
    inviterPoints: 0,
    inviteeCouponId: null,
    inviterCouponId: null,
    inviterRewarded: false,
  };
}

/**
 * A WeChat user opened an invite link. Records the first touch (fixed id per openid: later links
 * do not replace it) and tells the landing page who invited them and whether it will count.
 */
export async function touchInvite(openid: string, code: string, now: Date, unionid: string | null = null): Promise<{ inviterName: string; attributable: boolean; reason: ReferralRefusal | null }> {
  const inviterId = await ownerOfCode(code);
  const inviter = inviterId ? await getById<MemberDoc>(COLLECTIONS.members, inviterId) : null;
  if (!inviter || inviter.status !== 'active') throw new AppError('REFERRAL_INVALID', '邀请码无效');
  const inviterName = maskName(inviter.nickname);
  const answer = (reason: ReferralRefusal | null) => ({ inviterName, attributable: reason === null, reason });
  if (inviter.openid === openid) return answer('SELF_REFERRAL');
  if (await findMemberByOpenid(openid)) return answer('ALREADY_MEMBER');
  if (await erasedMemory({ openid, unionid })) return answer('RETURNING_MEMBER');
  const settings = await loadReferralSettings();
  if (!settings.enabled) return answer('DISABLED');
  const id = touchIdFor(openid);
  let first = await getById<ReferralTouchDoc>(COLLECTIONS.referralTouches, id);
  if (!first) {
    try {
      await insert<ReferralTouchDoc>(COLLECTIONS.referralTouches, { _id: id, code, inviterId: inviter._id, touchedAt: now });
      return answer(null);
    } catch (error) {
      first = await getById<ReferralTouchDoc>(COLLECTIONS.referralTouches, id);
      if (!first) throw error;
    }
  }
  if (first.code !== code) return answer('ALREADY_INVITED');
  if (now.getTime() - first.touchedAt.getTime() > settings.attributionWindowDays * DAY) return answer('WINDOW_PASSED');
  return answer(null);
}

export async function referralOf(memberId: string): Promise<ReferralDoc | null> {
  return getById<ReferralDoc>(COLLECTIONS.referrals, memberId);
}
