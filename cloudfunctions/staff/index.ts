import { z } from 'zod';
import { recordPurchase } from '../shared/domain/till/purchase';
import { recordRefund } from '../shared/domain/till/refund';
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
  recordPurchase: action({
    input: z.strictObject({ sessionId: documentId, orderNo: businessKey, amountFen: fen }),
    guard: staff,
    run: (input, call, member) => recordPurchase(member, input, call.now),
  }),
  recordRefund: action({
    input: z.strictObject({ orderNo: businessKey, refundNo: businessKey, amountFen: fen }),
    guard: staff,
    run: (input, call, member) => recordRefund(member, input, call.now),
  }),
});
