import type { CouponSource } from '../../../../typings/api/coupon';
import type { CouponTemplateDoc, MemberCouponDoc } from '../../data/documents';
import { couponDates } from './validity';

/** A new coupon from a template: benefit and terms are copied so later template edits do not change it. */
export function issueCoupon(template: CouponTemplateDoc, memberId: string, id: string, source: CouponSource, sourceRef: string, now: Date): MemberCouponDoc {
  const { validFrom, expiresAt } = couponDates(template.validity, now);
  return {
    _id: id,
    memberId,
    templateId: template._id,
    title: template.title,
    description: template.description,
    benefit: template.benefit,
    stackable: template.stackable,
    source,
    sourceRef,
    claimedAt: now,
    validFrom,
    expiresAt,
    status: 'usable',
    usedAt: null,
    redemption: null,
  };
}
