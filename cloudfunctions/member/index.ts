import { z } from 'zod';
import { currentMemberCode } from '../shared/domain/member-code/service';
import { memberCard } from '../shared/domain/members/card-view';
import { requireMemberByOpenid } from '../shared/domain/members/directory';
import { exportData } from '../shared/domain/members/export';
import { bindPhone } from '../shared/domain/members/phone';
import { deleteAccount } from '../shared/domain/members/privacy';
import { updateProfile } from '../shared/domain/members/profile';
import { register } from '../shared/domain/members/registration';
import { loadWelcomePack, updateWelcomePack } from '../shared/domain/members/welcome-pack';
import { noteOpened } from '../shared/domain/notifications/inbox';
import { inviteCodePattern } from '../shared/domain/referrals/codes';
import { slugId } from '../shared/domain/coupons/schemas';
import { loadConfiguration } from '../shared/domain/settings/service';
import { benefitsView } from '../shared/domain/tiers/benefits';
import { admin, shopper } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { birthday, consentVersion, empty, nickname } from '../shared/platform/schemas';

/** The shopper's own card: registration, card view, profile, member code, privacy rights. */
export const main = defineFunction('member', {
  register: action({
    input: z.strictObject({ consentVersion, nickname: nickname.optional(), birthday: birthday.optional(), inviteCode: z.string().regex(inviteCodePattern, 'not an invite code').optional() }),
    guard: shopper,
    run: (input, call, openid) => register(openid, input, call.now, call.caller.unionid),
  }),
  card: action({
    input: empty,
    guard: shopper,
    run: async (_input, call, openid) => {
      const [member, config] = await Promise.all([requireMemberByOpenid(openid), loadConfiguration()]);
      // The card loads at every launch: it is what "opened the mini-program" means in the notification KPI.
      await noteOpened(member._id, call.now);
      return memberCard(member, config, call.now);
    },
  }),
  updateProfile: action({
    input: z.strictObject({
      nickname: nickname.optional(),
      birthday: birthday.nullable().optional(),
      // Only removal: a number reaches the profile through bindPhone (WeChat-verified), never typed.
      phone: z.null().optional(),
      consentVersion: consentVersion.optional(),
    }),
    guard: shopper,
    run: (input, call, openid) => updateProfile(openid, input, call.now),
  }),
  bindPhone: action({
    input: z.strictObject({ code: z.string().min(1).max(128) }),
    guard: shopper,
    run: (input, call, openid) => bindPhone(openid, input.code, call.now),
  }),
  /** Visitors too: the shopper guard needs a WeChat identity, not a card. */
  benefits: action({ input: empty, guard: shopper, run: (_input, call, openid) => benefitsView(openid, call.now) }),
  getWelcomePack: action({ input: empty, guard: admin, run: () => loadWelcomePack() }),
  setWelcomePack: action({
    input: z.strictObject({ points: z.number().int().min(0).max(100_000), couponTemplateIds: z.array(slugId).max(5) }),
    guard: admin,
    run: (input, call, actor) => updateWelcomePack(input, actor, call.now),
  }),
  code: action({ input: empty, guard: shopper, run: (_input, call, openid) => currentMemberCode(openid, call.now) }),
  exportData: action({ input: empty, guard: shopper, run: (_input, call, openid) => exportData(openid, call.now) }),
  deleteAccount: action({
    input: z.strictObject({ confirm: z.literal('DELETE') }),
    guard: shopper,
    run: (_input, call, openid) => deleteAccount(openid, call.now, call.caller.unionid),
  }),
});
