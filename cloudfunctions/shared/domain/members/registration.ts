import type { WelcomeGrant } from '../../../../typings/api/member';
import type { ReferralAttribution } from '../../../../typings/api/referral';
import type { MemberCard } from '../../../../typings/domain';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc, MemberIdentityDoc, TierHistoryDoc } from '../../data/documents';
import { getById } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { claimWaitingOrders } from '../orders/unclaimed';
import { AppError } from '../../platform/app-error';
import { keyId, newId } from '../../platform/ids';
import { referralDoc, resolveInvite } from '../referrals/attribution';
import { loadConfiguration } from '../settings/service';
import { sortLadder } from '../tiers/ladder';
import { memberCard } from './card-view';
import { randomCardNo } from './card-number';
import { birthdayChange, birthMonthOf } from './birthday';
import { erasedMemoryIn, type ErasedMemory } from './erased-identities';
import { identityIdFor } from './directory';
import { applyWelcomePack, isEmptyPack, loadWelcomePack, loadWelcomeTemplates } from './welcome-pack';

export interface RegisterInput {
  consentVersion: string;
  nickname?: string;
  birthday?: string;
  /** From an invite link; attribution rules in domain/referrals/attribution.ts. */
  inviteCode?: string;
}

function newMember(openid: string, input: RegisterInput, tier: string, erased: ErasedMemory | null, now: Date): MemberDoc {
  return {
    _id: newId(),
    openid,
    cardNo: randomCardNo(),
    status: 'active',
    nickname: input.nickname ?? '微信用户',
    birthday: input.birthday ?? null,
    birthMonth: birthMonthOf(input.birthday ?? null),
    birthdayChangedAt: birthdayChange({ birthday: null }, input.birthday, now),
    // A returning WeChat user keeps the gift year of the account they erased: no second gift that year.
    birthdayGiftYear: erased?.birthdayGiftYear ?? null,
    phone: null,
    consent: { version: input.consentVersion, at: now },
    joinedAt: now,
    deletedAt: null,
    tier,
    tierSince: now,
    tierProtectedUntil: null,
    tierReviewAt: null,
    growthByMonth: {},
    growth: 0,
    points: { balance: 0, available: 0, pending: 0, debt: 0 },
    lots: [],
    nextExpiryAt: null,
    nextSettleAt: null,
    stats: { orders: 0, spentFen: 0, lastPurchaseAt: null },
    updatedAt: now,
  };
}

/**
 * Creates the caller's member card on first call and returns the existing one after. The
 * identity document (id derived from the openid) is created in the same transaction, so
 * concurrent first calls collide on it and all but one retry into the "already a member" path.
 */
export async function register(openid: string, input: RegisterInput, now: Date, unionid: string | null = null): Promise<{ created: boolean; card: MemberCard; referral?: ReferralAttribution; welcome?: WelcomeGrant }> {
  const config = await loadConfiguration();
  if (input.consentVersion !== config.settings.privacyPolicyVersion) {
    throw new AppError('CONSENT_REQUIRED', `请阅读并同意隐私政策 ${config.settings.privacyPolicyVersion}`, { policyVersion: config.settings.privacyPolicyVersion });
  }
  const identityId = identityIdFor(openid);
  // Looked up before the transaction (codes and inviters are not written by it); attributed inside it, only if the member is new.
  const [invite, pack] = await Promise.all([resolveInvite(openid, input.inviteCode, now), loadWelcomePack()]);
  const templates = isEmptyPack(pack) ? [] : await loadWelcomeTemplates(pack);
  const registered = await inTransaction(async (tx) => {
    const identity = await tx.get<MemberIdentityDoc>(COLLECTIONS.memberIdentities, identityId);
    if (identity) {
      const existing = await tx.get<MemberDoc>(COLLECTIONS.members, identity.memberId);
      if (existing) return { created: false, member: existing, returning: false, welcome: null };
    }
    const erased = await erasedMemoryIn(tx, { openid, unionid });
    const fresh = newMember(openid, input, sortLadder(config.tiers)[0].code, erased, now);
    // The welcome pack is once per WeChat identity: an identity that erased an earlier card (its
    // keyed digest in erased_identities) gets none, so erase + re-register cannot farm it.
    const welcomePack = erased === null && !isEmptyPack(pack) ? applyWelcomePack(fresh, pack, templates, config.settings.expiryMonths, now) : null;
    const member = welcomePack?.next ?? fresh;
    await tx.create(COLLECTIONS.cardNumbers, { _id: member.cardNo, memberId: member._id });
    await tx.create<MemberIdentityDoc>(COLLECTIONS.memberIdentities, { _id: identityId, memberId: member._id });
    await tx.create<MemberDoc>(COLLECTIONS.members, member);
    await tx.create<TierHistoryDoc>(COLLECTIONS.tierHistory, { _id: keyId('join', member._id), memberId: member._id, from: null, to: member.tier, reason: 'join', growth: 0, at: now });
    // A WeChat user who erased an earlier membership is not a new invitee.
    if (invite.attribution && !erased) await tx.create(COLLECTIONS.referrals, referralDoc(invite.attribution, member, now));
    for (const entry of welcomePack?.entries ?? []) await tx.create(COLLECTIONS.ledger, entry);
    for (const coupon of welcomePack?.coupons ?? []) await tx.create(COLLECTIONS.memberCoupons, coupon);
    return { created: true, member, returning: erased !== null, welcome: welcomePack?.grant ?? null };
  });
  const { created, returning, welcome } = registered;
  let member = registered.member;
  // Orders the shop or POS sent before this customer joined are credited now (domain/orders/unclaimed.ts).
  if (created && (await claimWaitingOrders(member, { openid, unionid, phone: null }, now)) > 0) {
    member = (await getById<MemberDoc>(COLLECTIONS.members, member._id)) ?? member;
  }
  const referral: ReferralAttribution | null = !created
    ? invite.outcome && { attributed: false, reason: 'ALREADY_MEMBER' }
    : returning && invite.outcome
      ? { attributed: false, reason: 'RETURNING_MEMBER' }
      : invite.outcome;
  return { created, card: memberCard(member, config, now), ...(referral ? { referral } : {}), ...(welcome ? { welcome } : {}) };
}
