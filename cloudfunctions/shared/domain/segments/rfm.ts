/**
 * RFM scores by quintiles of the member base. Cut points are the 20/40/60/80% values of a
 * sorted sample of buyers; a value's score is 1 + the number of cut points it exceeds, so
 * higher is better (recency is scored on the last purchase time: later = higher).
 * Members who never bought score 1 on all three.
 */
export interface RfmCuts {
  r: number[];
  f: number[];
  m: number[];
}

export interface RfmInput {
  stats: { orders: number; spentFen: number; lastPurchaseAt: Date | null };
}

export interface RfmScores {
  r: number;
  f: number;
  m: number;
}

/**
 * The 4 quintile cut points of ascending `sorted`: cut k is the largest value whose empirical
 * rank is within the lowest k/5, so score = ceil(5 × share of values ≤ v) and the top value
 * always scores 5, even in a small base. -1 stands for "below every value" (all values are ≥ 0).
 */
export function quintileCuts(sorted: readonly number[]): number[] {
  if (sorted.length === 0) return [];
  return [1, 2, 3, 4].map((k) => {
    const index = Math.floor((k * sorted.length) / 5) - 1;
    return index < 0 ? -1 : sorted[index];
  });
}

export function scoreOf(value: number, cuts: readonly number[]): number {
  let score = 1;
  for (const cut of cuts) if (value > cut) score += 1;
  return score;
}

export function isBuyer(member: RfmInput): boolean {
  return member.stats.orders > 0 && member.stats.lastPurchaseAt !== null;
}

/** Cut points from a sample of buyers (any order). */
export function rfmCuts(buyers: readonly RfmInput[]): RfmCuts {
  const sortedBy = (pick: (m: RfmInput) => number) => buyers.map(pick).sort((a, b) => a - b);
  return {
    r: quintileCuts(sortedBy((m) => new Date(m.stats.lastPurchaseAt as Date).getTime())),
    f: quintileCuts(sortedBy((m) => m.stats.orders)),
    m: quintileCuts(sortedBy((m) => m.stats.spentFen)),
  };
}

export function rfmScores(member: RfmInput, cuts: RfmCuts): RfmScores {
  if (!isBuyer(member)) return { r: 1, f: 1, m: 1 };
  return {
    r: scoreOf(new Date(member.stats.lastPurchaseAt as Date).getTime(), cuts.r),
    f: scoreOf(member.stats.orders, cuts.f),
    m: scoreOf(member.stats.spentFen, cuts.m),
  };
}
