import type { ClaimedRepair } from '../../../../typings/api/coupon';
import { COLLECTIONS } from '../../data/collections';
import { reconcileCount, returnUnit as giveBack, takeUnit as take, type CountedStock } from '../../data/counted-stock';
import { command } from '../../data/database';
import type { CouponTemplateDoc } from '../../data/documents';
import { count } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { REFUSAL_ERRORS } from './eligibility';

/** A template's stock: `claimed` of `totalStock`, taken outside transactions (data/counted-stock.ts). */
const TEMPLATE_STOCK: CountedStock = {
  collection: COLLECTIONS.couponTemplates,
  stockField: 'totalStock',
  countField: 'claimed',
  settleMs: 20_000, // cloudfunctions/coupon/config.json timeout
};

/** Takes one unit of the template's stock or answers 已领完 (COUPON_OUT_OF_STOCK). */
export async function takeUnit(template: CouponTemplateDoc, now: Date): Promise<void> {
  const outcome = await take(TEMPLATE_STOCK, { ...template }, now);
  if (outcome === 'missing') throw new AppError('COUPON_NOT_FOUND', `优惠券 ${template._id} 不存在`);
  if (outcome === 'sold_out') throw new AppError(REFUSAL_ERRORS.OUT_OF_STOCK.code, REFUSAL_ERRORS.OUT_OF_STOCK.message, { reason: 'OUT_OF_STOCK' });
}

export function returnUnit(templateId: string): Promise<void> {
  return giveBack(TEMPLATE_STOCK, templateId);
}

/** Coupons of the template issued by claims (by shoppers, with or without points). */
function issuedByClaims(templateId: string): Promise<number> {
  const _ = command();
  return count(COLLECTIONS.memberCoupons, { templateId, source: _.in(['claim', 'points']) });
}

/** Repair after a crash: the template's claimed count back to the coupons its claims issued. */
export async function reconcileClaimed(templateId: string, now: Date): Promise<ClaimedRepair> {
  const repair = await reconcileCount(TEMPLATE_STOCK, templateId, () => issuedByClaims(templateId), now);
  if (!repair) throw new AppError('COUPON_NOT_FOUND', `优惠券 ${templateId} 不存在`);
  return { templateId, claimed: repair.counted, issued: repair.issued, repaired: repair.repaired, settled: repair.settled };
}
