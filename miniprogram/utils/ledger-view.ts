import type { LedgerEntryType, LedgerEntryView } from '../../typings/domain';
import { formatDate, formatDateTime } from './dates';

export const LEDGER_LABELS: Record<LedgerEntryType, string> = {
  earn: '获得',
  redeem: '使用',
  expire: '过期',
  refund_reversal: '退款扣回',
  adjust: '调整',
};

/** Reasons the system writes on ledger entries (machine codes), in the shopper's words. */
const SYSTEM_REASONS: Array<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^expired$/, () => '积分到期'],
  [/^account_deleted$/, () => '账号注销'],
  [/^birthday_gift$/, () => '生日礼'],
  [/^referral_(invitee|inviter)$/, () => '邀请奖励'],
  [/^referral_clawback_(invitee|inviter)$/, () => '邀请奖励扣回'],
  [/^coupon:/, () => '兑换优惠券'],
  [/^campaign:/, () => '活动奖励'],
  [/^refund (.+)$/, (m) => `退款单 ${m[1]}`],
];

/**
 * The note for an entry's reason: a system code becomes Chinese; a note staff or an admin typed
 * for the member is shown when it is written in Chinese; anything else (an unknown code, English
 * text) is not shown, so no server wording in another language reaches the shopper.
 */
export function reasonText(reason: string | null): string {
  if (!reason) return '';
  for (const [pattern, label] of SYSTEM_REASONS) {
    const match = pattern.exec(reason);
    if (match) return label(match);
  }
  return /[\u4e00-\u9fff]/.test(reason) ? reason : '';
}

/** One rendered row of the points history. */
export interface LedgerRow {
  id: string;
  label: string;
  delta: string;
  positive: boolean;
  at: string;
  note: string;
  /** Earned but not usable yet: shown as 待生效 with the day it becomes usable, like the card. */
  pending: boolean;
}

export function ledgerRow(entry: LedgerEntryView): LedgerRow {
  const notes: string[] = [];
  if (entry.orderNo) notes.push(`订单 ${entry.orderNo}`);
  const reason = reasonText(entry.reason);
  if (reason) notes.push(reason);
  if (entry.debtDelta > 0) notes.push(`记欠 ${entry.debtDelta}`);
  if (entry.debtDelta < 0) notes.push(`还欠 ${-entry.debtDelta}`);
  if (entry.pendingUntil) notes.unshift(`${formatDate(entry.pendingUntil)} 起可用`);
  return {
    id: entry.id,
    label: entry.pendingUntil ? `${LEDGER_LABELS[entry.type]} · 待生效` : LEDGER_LABELS[entry.type],
    delta: entry.delta > 0 ? `+${entry.delta}` : String(entry.delta),
    positive: entry.delta > 0,
    at: formatDateTime(entry.createdAt),
    note: notes.join(' · '),
    pending: entry.pendingUntil !== null,
  };
}
