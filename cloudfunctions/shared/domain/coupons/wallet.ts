import type { CouponView, CouponWallet } from '../../../../typings/api/coupon';
import { COLLECTIONS } from '../../data/collections';
import type { MemberCouponDoc } from '../../data/documents';
import { find } from '../../data/store';
import { requireMemberByOpenid } from '../members/directory';
import { couponView } from './views';

/** Used and expired coupons shown, newest first; older ones stay in the database. */
const HISTORY_LIMIT = 50;
const WALLET_SCAN_LIMIT = 1000;

export async function memberCouponDocs(memberId: string): Promise<MemberCouponDoc[]> {
  return find<MemberCouponDoc>(COLLECTIONS.memberCoupons, { memberId }, { orderBy: [['expiresAt', 'asc']], limit: WALLET_SCAN_LIMIT });
}

/** Groups coupons usable / used / expired; usable ones expiring soonest come first. */
export function groupWallet(docs: MemberCouponDoc[], now: Date): CouponWallet {
  const views = docs.map((doc) => couponView(doc, now));
  const newestFirst = (at: (v: CouponView) => string) => (a: CouponView, b: CouponView) => at(b).localeCompare(at(a));
  return {
    usable: views.filter((v) => v.status === 'usable').sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.couponId.localeCompare(b.couponId)),
    used: views.filter((v) => v.status === 'used').sort(newestFirst((v) => v.usedAt ?? '')).slice(0, HISTORY_LIMIT),
    expired: views.filter((v) => v.status === 'expired').sort(newestFirst((v) => v.expiresAt)).slice(0, HISTORY_LIMIT),
  };
}

export async function wallet(openid: string, now: Date): Promise<CouponWallet> {
  const member = await requireMemberByOpenid(openid);
  return groupWallet(await memberCouponDocs(member._id), now);
}
