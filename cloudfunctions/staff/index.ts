import { z } from 'zod';
import { redeemCoupon, tillCoupons } from '../shared/domain/coupons/redemption';
import { adjustAtTill } from '../shared/domain/till/goodwill';
import { recordPurchase } from '../shared/domain/till/purchase';
import { recordRefund } from '../shared/domain/till/refund';
import { isValidCardNo } from '../shared/domain/members/card-number';
import { manualEntry } from '../shared/domain/till/manual-entry';
import { scanMemberCode } from '../shared/domain/till/scan';
import { storeName } from '../shared/domain/till/staff-directory';
import { staff } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { businessKey, documentId, empty, fen } from '../shared/platform/schemas';

/** The till: staff scan member codes and record purchases and refunds. Store and staff come from the staff record. */
export const main = defineFunction('staff', {
  me: action({
    input: empty,
    guard: staff,
    run: async (_input, _call, member) => ({ staffId: member._id, name: member.name, role: member.role, storeId: member.storeId, storeName: await storeName(member.storeId) }),
  }),
  scan: action({
    input: z.strictObject({ code: z.string().min(1).max(256) }),
    guard: staff,
    run: (input, call, member) => scanMemberCode(member, input.code, call.now),
  }),
  /** When the camera fails: card number + the confirmation code the member reads out. */
  manualEntry: action({
    input: z.strictObject({ cardNo: z.string().refine(isValidCardNo, 'not a card number (12 digits, check digit)'), confirmCode: z.string().regex(/^\d{6}$/, '6 digits') }),
    guard: staff,
    run: (input, call, member) => manualEntry(member, input, call.now),
  }),
  recordPurchase: action({
    input: z.strictObject({ sessionId: documentId, orderNo: businessKey, amountFen: fen }),
    guard: staff,
    run: (input, call, member) => recordPurchase(member, input, call.now),
  }),
  recordRefund: action({
    input: z.strictObject({ sessionId: documentId, orderNo: businessKey, refundNo: businessKey, amountFen: fen }),
    guard: staff,
    run: (input, call, member) => recordRefund(member, input, call.now),
  }),
  adjustPoints: action({
    input: z.strictObject({
      sessionId: documentId,
      points: z.number().int().refine((n) => n !== 0, 'points must not be 0').refine((n) => Math.abs(n) <= 100_000, 'at most 100,000 points at the till'),
      reason: z.string().trim().min(2).max(100),
      key: businessKey,
    }),
    guard: staff,
    run: (input, call, member) => adjustAtTill(member, input, call.now),
  }),
  memberCoupons: action({
    input: z.strictObject({ sessionId: documentId, amountFen: fen.optional() }),
    guard: staff,
    run: (input, call, member) => tillCoupons(member, input, call.now),
  }),
  redeemCoupon: action({
    input: z.strictObject({ sessionId: documentId, couponId: documentId, orderNo: businessKey, amountFen: fen }),
    guard: staff,
    run: (input, call, member) => redeemCoupon(member, input, call.now),
  }),
});
