import type { CouponRedemptionReceipt, TillCouponView } from '../../../../typings/api/coupon';
import { COLLECTIONS } from '../../data/collections';
import type { CouponOrderDoc, MemberCouponDoc, StaffDailyDoc, StaffDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { AppError, isAppError } from '../../platform/app-error';
import { raiseFlag, recordAudit, auditInTransaction } from '../audit/audit';
import { addUsage, dailyUsageId, emptyUsage } from '../till/daily-usage';
import { requireSession, requireSessionAndConfiguration } from '../till/scan';
import { limitsFor } from '../till/staff-directory';
import { toIso } from '../time/calendar';
import { discountFor } from './benefit';
import { redeemRefusal } from './validity';
import { couponView } from './views';
import { memberCouponDocs } from './wallet';

export interface RedeemInput {
  sessionId: string;
  couponId: string;
  orderNo: string;
  amountFen: number;
}

/** The scanned member's usable coupons for the till, each with its discount when an amount is given. */
export async function tillCoupons(staff: StaffDoc, input: { sessionId: string; amountFen?: number }, now: Date): Promise<{ coupons: TillCouponView[] }> {
  const session = await requireSession(staff, input.sessionId, now);
  const docs = await memberCouponDocs(session.memberId);
  const coupons = docs
    .map((doc) => ({ doc, view: couponView(doc, now) }))
    .filter(({ view }) => view.status === 'usable')
    .map(({ doc, view }): TillCouponView => {
      const notYet = redeemRefusal(doc, now);
      if (notYet) return { ...view, discountFen: null, applicable: false, refusal: 'COUPON_NOT_USABLE' };
      if (input.amountFen === undefined) return { ...view, discountFen: null, applicable: true, refusal: null };
      try {
        return { ...view, discountFen: discountFor(doc.benefit, input.amountFen).discountFen, applicable: true, refusal: null };
      } catch (error) {
        if (!isAppError(error)) throw error;
        return { ...view, discountFen: null, applicable: false, refusal: error.code };
      }
    });
  return { coupons };
}

/** Stacking: a non-stackable coupon must be alone on its order. */
function assertStacks(order: CouponOrderDoc | null, coupon: MemberCouponDoc): void {
  if (!order || order.coupons.length === 0) return;
  if (!coupon.stackable || order.coupons.some((c) => !c.stackable)) {
    throw new AppError('COUPON_NOT_STACKABLE', '该券不能与本单其他优惠券同时使用');
  }
}

/**
 * Redeems a coupon of the scanned member against an order, at most once: the coupon document is
 * checked and marked used in one transaction with the order's coupon record, the staff member's
 * daily coupon count and the audit record. The discount is computed here, on what is still payable
 * after earlier coupons on the same order. A retry of the same coupon on the same order and
 * amount returns the first receipt.
 */
export async function redeemCoupon(staff: StaffDoc, input: RedeemInput, now: Date): Promise<CouponRedemptionReceipt> {
  const [session, config] = await requireSessionAndConfiguration(staff, input.sessionId, now);
  const limits = limitsFor(staff, config.staffLimits);
  try {
    return await inTransaction(async (tx): Promise<CouponRedemptionReceipt> => {
      const [coupon, order, usage] = await Promise.all([
        tx.get<MemberCouponDoc>(COLLECTIONS.memberCoupons, input.couponId),
        tx.get<CouponOrderDoc>(COLLECTIONS.couponOrders, input.orderNo),
        tx.get<StaffDailyDoc>(COLLECTIONS.staffDaily, dailyUsageId(staff._id, now)),
      ]);
      // Another member's coupon is reported as missing: the till learns nothing about it.
      if (!coupon || coupon.memberId !== session.memberId) throw new AppError('COUPON_NOT_FOUND', '该会员没有这张优惠券');
      const done = coupon.redemption;
      if (done && done.orderNo === input.orderNo && done.receipt.amountFen === input.amountFen) return done.receipt;
      const refusal = redeemRefusal(coupon, now);
      if (refusal) throw new AppError('COUPON_NOT_USABLE', refusal);
      if (order && (order.memberId !== session.memberId || order.amountFen !== input.amountFen)) {
        throw new AppError('ORDER_CONFLICT', `订单 ${input.orderNo} 已用券且会员或金额不同`);
      }
      assertStacks(order, coupon);
      const before = order?.discountFen ?? 0;
      const result = discountFor(coupon.benefit, input.amountFen - before);
      const nextUsage = addUsage(usage ?? emptyUsage(staff._id, now), 'couponsRedeemed', 1, limits);
      const receipt: CouponRedemptionReceipt = {
        couponId: coupon._id,
        orderNo: input.orderNo,
        title: coupon.title,
        kind: coupon.benefit.kind,
        amountFen: input.amountFen,
        discountFen: result.discountFen,
        orderDiscountFen: before + result.discountFen,
        payableFen: input.amountFen - before - result.discountFen,
        giftLabel: result.giftLabel,
        freeShipping: result.freeShipping,
        redeemedAt: toIso(now),
      };
      // The coupon is the contended document (two tills redeeming it at once): write it first.
      await tx.patch(COLLECTIONS.memberCoupons, coupon._id, {
        status: 'used',
        usedAt: now,
        redemption: { orderNo: input.orderNo, staffId: staff._id, storeId: staff.storeId, receipt },
      });
      const nextOrder: CouponOrderDoc = {
        _id: input.orderNo,
        memberId: session.memberId,
        storeId: staff.storeId,
        staffId: staff._id,
        amountFen: input.amountFen,
        discountFen: receipt.orderDiscountFen,
        coupons: [...(order?.coupons ?? []), { couponId: coupon._id, discountFen: result.discountFen, stackable: coupon.stackable }],
        createdAt: order?.createdAt ?? now,
        updatedAt: now,
      };
      await Promise.all([
        tx.put(COLLECTIONS.couponOrders, nextOrder),
        tx.put(COLLECTIONS.staffDaily, nextUsage),
        auditInTransaction(tx, {
          actor: { kind: 'staff', id: staff._id },
          storeId: staff.storeId,
          memberId: session.memberId,
          action: 'staff.redeemCoupon',
          outcome: 'ok',
          detail: { couponId: coupon._id, orderNo: input.orderNo, amountFen: input.amountFen, discountFen: result.discountFen },
          at: now,
        }),
      ]);
      return receipt;
    });
  } catch (error) {
    if (isAppError(error)) {
      await recordAudit({ actor: { kind: 'staff', id: staff._id }, storeId: staff.storeId, memberId: session.memberId, action: 'staff.redeemCoupon', outcome: 'refused', detail: { code: error.code, couponId: input.couponId, orderNo: input.orderNo, amountFen: input.amountFen }, at: now });
      if (error.code === 'STAFF_LIMIT_EXCEEDED') await raiseFlag({ kind: 'staff_limit', staffId: staff._id, detail: `coupon ${input.couponId} on ${input.orderNo} refused: ${error.message}`, at: now });
    }
    throw error;
  }
}
