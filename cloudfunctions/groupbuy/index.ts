import { z } from 'zod';
import { slugId } from '../shared/domain/coupons/schemas';
import { listDeals, upsertDeal } from '../shared/domain/groupbuy/deals';
import { expireGroups } from '../shared/domain/groupbuy/expiry';
import { groupDetail, joinGroup, myGroups, startGroup } from '../shared/domain/groupbuy/groups';
import { reconcileHeld } from '../shared/domain/groupbuy/stock';
import { admin, shopper } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { OPERATORS, OWNERS } from '../shared/platform/roles';
import { documentId, empty, fen } from '../shared/platform/schemas';

const instant = z.iso.datetime({ offset: true });
const dealInput = z.strictObject({
  dealId: slugId,
  productLabel: z.string().trim().min(1).max(32),
  description: z.string().max(200).optional(),
  groupPriceFen: fen,
  originalPriceFen: fen,
  groupSize: z.number().int().min(2).max(20),
  fillHours: z.number().int().min(1).max(168),
  window: z.strictObject({ from: instant, until: instant }),
  groupStock: z.number().int().min(0).max(1_000_000),
  entitlementTemplateId: slugId,
  active: z.boolean(),
});

/** Group-buy (拼团): deals, starting and joining groups, the share page, and the expiry timer. */
export const main = defineFunction('groupbuy', {
  listDeals: action({ input: empty, guard: shopper, run: (_input, call, openid) => listDeals(openid, call.now) }),
  start: action({ input: z.strictObject({ dealId: slugId }), guard: shopper, run: (input, call, openid) => startGroup(openid, input.dealId, call.now) }),
  join: action({ input: z.strictObject({ groupId: documentId }), guard: shopper, run: (input, call, openid) => joinGroup(openid, input.groupId, call.now) }),
  group: action({ input: z.strictObject({ groupId: documentId }), guard: shopper, run: (input, _call, openid) => groupDetail(openid, input.groupId) }),
  myGroups: action({ input: empty, guard: shopper, run: (_input, _call, openid) => myGroups(openid) }),
  upsertDeal: action({ input: dealInput, guard: admin, roles: OPERATORS, run: (input, call, actor) => upsertDeal(input, actor, call.now) }),
  expireGroups: action({ input: empty, guard: admin, roles: OWNERS, run: (_input, call) => expireGroups(call.now, call.timeLeftMs) }),
  /** After a crash: groupsHeld back to the deal's open and succeeded groups, once no start can be in flight. */
  reconcileHeld: action({ input: z.strictObject({ dealId: slugId }), guard: admin, roles: OPERATORS, run: (input, call) => reconcileHeld(input.dealId, call.now) }),
});
