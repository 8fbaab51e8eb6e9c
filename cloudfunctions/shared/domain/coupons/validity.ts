import type { CouponStatus } from '../../../../typings/api/coupon';
import type { MemberCouponDoc, StoredCouponValidity } from '../../data/documents';
import { endOfDayAfter } from '../time/calendar';

/** A usable coupon expiring within this many days is flagged and listed first. */
export const COUPON_EXPIRING_SOON_DAYS = 3;

/**
 * When a coupon issued at `issuedAt` is valid. Relative validity counts the claim day as day 1
 * and ends at the end of day N in the business timezone ("领取后 N 天内有效").
 */
export function couponDates(validity: StoredCouponValidity, issuedAt: Date): { validFrom: Date; expiresAt: Date } {
  if (validity.kind === 'fixed') return { validFrom: validity.from, expiresAt: validity.until };
  return { validFrom: issuedAt, expiresAt: endOfDayAfter(issuedAt, validity.days - 1) };
}

/** Expiry is derived, never stored: a coupon past expiresAt is expired whether or not any job ran. */
export function couponStatus(coupon: Pick<MemberCouponDoc, 'status' | 'expiresAt'>, now: Date): CouponStatus {
  if (coupon.status === 'used') return 'used';
  return coupon.expiresAt <= now ? 'expired' : 'usable';
}

/** Why a held coupon cannot be redeemed now (null = it can). */
export function redeemRefusal(coupon: MemberCouponDoc, now: Date): string | null {
  const status = couponStatus(coupon, now);
  if (status === 'used') return '该券已使用';
  if (status === 'expired') return '该券已过期';
  if (coupon.validFrom > now) return '该券尚未到使用时间';
  return null;
}
