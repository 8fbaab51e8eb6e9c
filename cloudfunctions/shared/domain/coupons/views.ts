import type { CouponTemplateView, CouponValidity, CouponView } from '../../../../typings/api/coupon';
import type { CouponTemplateDoc, MemberCouponDoc, StoredCouponValidity } from '../../data/documents';
import { toIso } from '../time/calendar';
import { COUPON_EXPIRING_SOON_DAYS, couponStatus } from './validity';

export function validityView(validity: StoredCouponValidity): CouponValidity {
  return validity.kind === 'fixed' ? { kind: 'fixed', from: toIso(validity.from), until: toIso(validity.until) } : validity;
}

export function templateView(template: CouponTemplateDoc): CouponTemplateView {
  return {
    templateId: template._id,
    title: template.title,
    description: template.description,
    benefit: template.benefit,
    totalStock: template.totalStock,
    remainingStock: Math.max(0, template.totalStock - template.claimed),
    perMemberLimit: template.perMemberLimit,
    claimWindow: { from: toIso(template.claimFrom), until: toIso(template.claimUntil) },
    validity: validityView(template.validity),
    tiers: template.tiers,
    stackable: template.stackable,
    pointsPrice: template.pointsPrice,
    visibility: template.visibility,
    active: template.active,
  };
}

export function couponView(coupon: MemberCouponDoc, now: Date): CouponView {
  const status = couponStatus(coupon, now);
  const soon = now.getTime() + COUPON_EXPIRING_SOON_DAYS * 24 * 3600_000;
  return {
    couponId: coupon._id,
    templateId: coupon.templateId,
    title: coupon.title,
    description: coupon.description,
    benefit: coupon.benefit,
    stackable: coupon.stackable,
    source: coupon.source,
    status,
    claimedAt: toIso(coupon.claimedAt),
    validFrom: toIso(coupon.validFrom),
    expiresAt: toIso(coupon.expiresAt),
    expiringSoon: status === 'usable' && coupon.expiresAt.getTime() <= soon,
    notYetValid: status === 'usable' && coupon.validFrom > now,
    usedAt: coupon.usedAt ? toIso(coupon.usedAt) : null,
  };
}
