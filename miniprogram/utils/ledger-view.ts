import type { LedgerEntryType, LedgerEntryView } from '../../typings/domain';
import { formatDate, formatDateTime } from './dates';

export const LEDGER_LABELS: Record<LedgerEntryType, string> = {
  earn: '获得',
  redeem: '使用',
  expire: '过期',
  refund_reversal: '退款扣回',
  adjust: '调整',
};

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
  if (entry.reason) notes.push(entry.reason);
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
