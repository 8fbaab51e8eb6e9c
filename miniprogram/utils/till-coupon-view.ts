import type { CouponRedemptionReceipt, TillCouponView } from '../../typings/api';
import { ERROR_MESSAGES } from '../services/error-messages';
import { benefitRule, benefitValue } from './coupon-view';
import { formatDate } from './dates';
import { formatFen } from './money';

/** One of the scanned member's coupons at the till. */
export interface TillCouponRow {
  id: string;
  title: string;
  value: string;
  rule: string;
  expires: string;
  applicable: boolean;
  /** "可减 20.00 元" for the entered amount, the refusal's message, or '' before an amount is known. */
  note: string;
}

function refusalMessage(code: string | null): string {
  if (!code) return '';
  return Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES] : '暂不可用';
}

export function tillCouponRow(c: TillCouponView): TillCouponRow {
  let note = refusalMessage(c.refusal);
  if (c.applicable && c.discountFen !== null) note = c.discountFen > 0 ? `可减 ${formatFen(c.discountFen)} 元` : '本单不减金额';
  return { id: c.couponId, title: c.title, value: benefitValue(c.benefit), rule: benefitRule(c.benefit), expires: `${formatDate(c.expiresAt)} 到期`, applicable: c.applicable, note };
}

/** The receipt lines: discount and what to charge, plus what to hand over. */
export function redemptionLines(r: CouponRedemptionReceipt): string[] {
  const lines = [`已核销「${r.title}」：优惠 ${formatFen(r.discountFen)} 元，应收 ${formatFen(r.payableFen)} 元`];
  if (r.orderDiscountFen !== r.discountFen) lines.push(`本单共优惠 ${formatFen(r.orderDiscountFen)} 元`);
  if (r.giftLabel) lines.push(`请交付礼品：${r.giftLabel}`);
  if (r.freeShipping) lines.push('本单免运费');
  return lines;
}
