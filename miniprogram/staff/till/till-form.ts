import type { PurchaseInput, RefundInput } from '../../stores/staff-store';
import { checkBusinessKey } from '../../utils/business-key';
import { parseYuan } from '../../utils/money';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export function checkPurchase(form: { orderNo: string; amount: string }): Checked<PurchaseInput> {
  const keyError = checkBusinessKey(form.orderNo, '订单号');
  if (keyError) return { ok: false, error: keyError };
  const amount = parseYuan(form.amount);
  if (!amount.ok) return { ok: false, error: amount.message };
  return { ok: true, value: { orderNo: form.orderNo.trim(), amountFen: amount.fen } };
}

export function checkRefund(form: { orderNo: string; refundNo: string; amount: string }): Checked<RefundInput> {
  const keyError = checkBusinessKey(form.orderNo, '原订单号') ?? checkBusinessKey(form.refundNo, '退款单号');
  if (keyError) return { ok: false, error: keyError };
  const amount = parseYuan(form.amount);
  if (!amount.ok) return { ok: false, error: amount.message };
  return { ok: true, value: { orderNo: form.orderNo.trim(), refundNo: form.refundNo.trim(), amountFen: amount.fen } };
}

/** Shape only (12-digit card number, 6-digit code); the check digit and the code are the server's to judge. */
export function checkManualEntry(form: { cardNo: string; confirmCode: string }): Checked<{ cardNo: string; confirmCode: string }> {
  const cardNo = form.cardNo.replace(/\s/g, '');
  const confirmCode = form.confirmCode.trim();
  if (!/^\d{12}$/.test(cardNo)) return { ok: false, error: '请输入 12 位会员卡号' };
  if (!/^\d{6}$/.test(confirmCode)) return { ok: false, error: '请输入会员读出的 6 位确认码' };
  return { ok: true, value: { cardNo, confirmCode } };
}
