import { DEFAULT_SEGMENT_SETTINGS, lifecycleStage, segmentSettingsProblem } from '../../cloudfunctions/shared/domain/segments/lifecycle';
import { quintileCuts, rfmCuts, rfmScores, scoreOf } from '../../cloudfunctions/shared/domain/segments/rfm';

const NOW = new Date('2026-03-10T10:00:00+08:00');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const member = (joined: number, orders: number, last: number | null) => ({ joinedAt: daysAgo(joined), stats: { orders, spentFen: orders * 10_000, lastPurchaseAt: last === null ? null : daysAgo(last) } });

describe('lifecycle stage (defaults)', () => {
  it.each([
    ['new: joined 10 days ago, even with purchases', member(10, 3, 1), 'new'],
    ['growing: recent buyer with few orders', member(100, 2, 5), 'growing'],
    ['mature: recent buyer with 5+ orders', member(400, 5, 44), 'mature'],
    ['declining: 45+ days since last purchase', member(400, 8, 45), 'declining'],
    ['declining: past the new window, never bought', member(40, 0, null), 'declining'],
    ['dormant: 90+ days', member(400, 8, 90), 'dormant'],
    ['dormant: never bought, joined 100 days ago', member(100, 0, null), 'dormant'],
    ['churned: 180+ days', member(800, 20, 200), 'churned'],
  ] as const)('%s', (_name, m, stage) => {
    expect(lifecycleStage(m, DEFAULT_SEGMENT_SETTINGS, NOW)).toBe(stage);
  });

  it('refuses thresholds out of order', () => {
    expect(segmentSettingsProblem(DEFAULT_SEGMENT_SETTINGS)).toBeNull();
    expect(segmentSettingsProblem({ ...DEFAULT_SEGMENT_SETTINGS, dormantAfterDays: 200 })).toMatch(/churned/);
  });
});

describe('RFM quintiles', () => {
  it('cuts at the 20/40/60/80% values and scores 1-5', () => {
    const sorted = Array.from({ length: 10 }, (_, i) => i + 1); // 1..10
    expect(quintileCuts(sorted)).toEqual([2, 4, 6, 8]);
    expect([1, 2, 3, 5, 7, 9, 10].map((v) => scoreOf(v, [2, 4, 6, 8]))).toEqual([1, 1, 2, 3, 4, 5, 5]);
    expect(quintileCuts([])).toEqual([]);
    expect(scoreOf(42, [])).toBe(1);
  });

  it('scores recency by the last purchase time (recent = 5) and non-buyers 1/1/1', () => {
    const buyers = [1, 2, 3, 4, 5].map((i) => member(400, i, 100 - i * 10)); // orders 1..5, last 90..50 days ago
    const cuts = rfmCuts(buyers);
    expect(rfmScores(buyers[4], cuts)).toEqual({ r: 5, f: 5, m: 5 });
    expect(rfmScores(buyers[0], cuts)).toEqual({ r: 1, f: 1, m: 1 });
    expect(rfmScores(member(400, 0, null), cuts)).toEqual({ r: 1, f: 1, m: 1 });
  });
});
