/**
 * Earning rules in integer arithmetic: amounts are fen, multipliers are permille, results are
 * floored to whole points. BigInt keeps large orders with stacked multipliers exact.
 */
export interface EarnRuleInput {
  amountFen: number;
  pointsPerYuan: number;
  tierMultiplierPermille: number;
  /** Active campaign multipliers; they stack multiplicatively. */
  campaignMultipliersPermille?: readonly number[];
}

export function pointsForPurchase(input: EarnRuleInput): number {
  const multipliers = [input.tierMultiplierPermille, ...(input.campaignMultipliersPermille ?? [])];
  let numerator = BigInt(input.amountFen) * BigInt(input.pointsPerYuan);
  let denominator = 100n;
  for (const permille of multipliers) {
    numerator *= BigInt(permille);
    denominator *= 1000n;
  }
  return Number(numerator / denominator);
}

export function growthForPurchase(amountFen: number, growthPerYuan: number): number {
  return Math.floor((amountFen * growthPerYuan) / 100);
}

/**
 * How much of an order's points a refund takes back. Computed on cumulative totals so that
 * several partial refunds add up to exactly the order's points when the order is fully refunded.
 */
export function proportionalReversal(total: number, orderFen: number, refundedBeforeFen: number, refundFen: number, reversedBefore: number): number {
  if (orderFen <= 0) return 0;
  const cumulative = Number((BigInt(total) * BigInt(refundedBeforeFen + refundFen)) / BigInt(orderFen));
  return Math.max(0, cumulative - reversedBefore);
}
