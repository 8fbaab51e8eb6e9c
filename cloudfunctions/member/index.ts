import { z } from 'zod';
import { currentMemberCode } from '../shared/domain/member-code/service';
import { memberCard } from '../shared/domain/members/card-view';
import { requireMemberByOpenid } from '../shared/domain/members/directory';
import { exportData } from '../shared/domain/members/export';
import { deleteAccount } from '../shared/domain/members/privacy';
import { updateProfile } from '../shared/domain/members/profile';
import { register } from '../shared/domain/members/registration';
import { noteOpened } from '../shared/domain/notifications/inbox';
import { inviteCodePattern } from '../shared/domain/referrals/codes';
import { loadConfiguration } from '../shared/domain/settings/service';
import { shopper } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { birthday, consentVersion, empty, mainlandPhone, nickname } from '../shared/platform/schemas';

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
      phone: mainlandPhone.nullable().optional(),
      consentVersion: consentVersion.optional(),
    }),
    guard: shopper,
    run: (input, call, openid) => updateProfile(openid, input, call.now),
  }),
  code: action({ input: empty, guard: shopper, run: (_input, call, openid) => currentMemberCode(openid, call.now) }),
  exportData: action({ input: empty, guard: shopper, run: (_input, call, openid) => exportData(openid, call.now) }),
  deleteAccount: action({
    input: z.strictObject({ confirm: z.literal('DELETE') }),
    guard: shopper,
    run: (_input, call, openid) => deleteAccount(openid, call.now, call.caller.unionid),
  }),
});
