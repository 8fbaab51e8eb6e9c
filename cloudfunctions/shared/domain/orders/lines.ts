import type { OrderLine, OrderRules } from '../../../../typings/api/orders';
import { AppError } from '../../platform/app-error';

/** Rules when the brand has set none: every category earns at the base rate; 30 days to claim. */
export const DEFAULT_ORDER_RULES: OrderRules = { excludedCategories: [], categoryRatesPermille: {}, unclaimedDays: 30 };

/** Line items must add up to the amount they explain; a source that disagrees with itself is refused. */
export function assertLinesAddUp(amountFen: number, lines: readonly OrderLine[] | undefined): void {
  if (!lines || lines.length === 0) return;
  const total = lines.reduce((sum, line) => sum + line.amountFen, 0);
  if (total !== amountFen) throw new AppError('AMOUNT_MISMATCH', `商品明细合计 ${total} 分，订单金额 ${amountFen} 分`, { linesFen: total, amountFen });
}

/**
 * The part of an order that earns points, in fen at the base rate: each line weighted by its
 * category's rate (an excluded category weighs 0). Spend and growth still use the whole amount.
 * Without lines the whole amount earns, as at the till. Integer arithmetic, floored once.
 */
export function earningFen(amountFen: number, lines: readonly OrderLine[] | undefined, rules: OrderRules): number {
  if (!lines || lines.length === 0) return amountFen;
  const excluded = new Set(rules.excludedCategories);
  let weighted = 0n;
  for (const line of lines) {
    const permille = excluded.has(line.category) ? 0 : (rules.categoryRatesPermille[line.category] ?? 1000);
    weighted += BigInt(line.amountFen) * BigInt(permille);
  }
  return Number(weighted / 1000n);
}
