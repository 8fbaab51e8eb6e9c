import { z } from 'zod';
import { slugId } from '../shared/domain/coupons/schemas';
import { touchInvite } from '../shared/domain/referrals/attribution';
import { inviteCodePattern } from '../shared/domain/referrals/codes';
import { loadReferralSettings, updateReferralSettings } from '../shared/domain/referrals/settings';
import { myInvite, referralSummary } from '../shared/domain/referrals/summary';
import { admin, shopper } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { EVERY_ROLE, OWNERS } from '../shared/platform/roles';
import { empty } from '../shared/platform/schemas';

const points = z.number().int().min(0).max(1_000_000);
const settings = z.strictObject({
  enabled: z.boolean(),
  attributionWindowDays: z.number().int().min(1).max(90),
  qualifyingMinFen: z.number().int().min(0).max(100_000_000),
  inviteePoints: points,
  inviterPoints: points,
  inviteeCouponTemplateId: slugId.nullable(),
  inviterCouponTemplateId: slugId.nullable(),
  inviterMonthlyCap: z.number().int().min(0).max(10_000),
});

/** Referrals: invite codes, the invite landing page, the inviter's summary, and the admin's reward settings. */
export const main = defineFunction('referral', {
  myInvite: action({ input: empty, guard: shopper, run: (_input, call, openid) => myInvite(openid, call.now) }),
  touch: action({ input: z.strictObject({ inviteCode: z.string().regex(inviteCodePattern, 'not an invite code') }), guard: shopper, run: (input, call, openid) => touchInvite(openid, input.inviteCode, call.now, call.caller.unionid) }),
  summary: action({ input: empty, guard: shopper, run: (_input, call, openid) => referralSummary(openid, call.now) }),
  getSettings: action({ input: empty, guard: admin, roles: EVERY_ROLE, run: () => loadReferralSettings() }),
  updateSettings: action({ input: settings.partial(), guard: admin, roles: OWNERS, run: (input, call, actor) => updateReferralSettings(input, actor, call.now) }),
});
