import { claimCoupon, listClaimable } from '../shared/domain/coupons/claim';
import { couponTemplateInput, slugId } from '../shared/domain/coupons/schemas';
import { reconcileClaimed } from '../shared/domain/coupons/stock';
import { listAllTemplates, upsertTemplate } from '../shared/domain/coupons/templates';
import { wallet } from '../shared/domain/coupons/wallet';
import { admin, shopper } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { EVERY_ROLE, OPERATORS } from '../shared/platform/roles';
import { businessKey, empty } from '../shared/platform/schemas';
import { z } from 'zod';

/** Coupons: the shopper's claim centre and wallet, and the admin's templates. Redemption is a till action (staff). */
export const main = defineFunction('coupon', {
  listTemplates: action({ input: empty, guard: shopper, run: (_input, call, openid) => listClaimable(openid, call.now) }),
  claim: action({
    input: z.strictObject({ templateId: slugId, requestKey: businessKey.optional() }),
    guard: shopper,
    run: (input, call, openid) => claimCoupon(openid, input.templateId, call.now, input.requestKey),
  }),
  wallet: action({ input: empty, guard: shopper, run: (_input, call, openid) => wallet(openid, call.now) }),
  upsertTemplate: action({ input: couponTemplateInput, guard: admin, roles: OPERATORS, run: (input, call, actor) => upsertTemplate(input, actor, call.now) }),
  listAllTemplates: action({ input: empty, guard: admin, roles: EVERY_ROLE, run: () => listAllTemplates() }),
  /** After a crash: claimed counts back to the coupons issued, once no claim can be in flight. */
  reconcileClaimed: action({ input: z.strictObject({ templateId: slugId }), guard: admin, roles: OPERATORS, run: (input, call) => reconcileClaimed(input.templateId, call.now) }),
});
