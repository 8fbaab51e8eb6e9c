import { formatFen, parseYuan } from '../../../miniprogram/utils/money';
import { appendPatch } from '../../../miniprogram/utils/set-data-patch';
import { refreshDelay } from '../../../miniprogram/utils/code-refresh';
import { progressPercent, progressText } from '../../../miniprogram/utils/card-view';
import { memberCard } from '../support/fixtures';

describe('money', () => {
  it.each([
    ['0.1', 10],
    ['0.29', 29],
    ['1.005'.slice(0, 4), 100],
    ['19.99', 1999],
    ['4.35', 435],
    [' 100 ', 10000],
    ['100000000', 10_000_000_000],
  ])('%p yuan → %p fen without floating-point error', (yuan, fen) => {
    expect(parseYuan(yuan)).toEqual({ ok: true, fen });
  });

  it.each(['', 'abc', '1.234', '-1', '1e3', '0', '0.00', '100000000.01', '.5'])('refuses %p', (yuan) => {
    expect(parseYuan(yuan).ok).toBe(false);
  });

  it('formats fen', () => {
    expect(formatFen(1230)).toBe('12.30');
    expect(formatFen(5)).toBe('0.05');
  });
});

describe('view helpers', () => {
  it('builds setData paths for an appended page', () => {
    expect(appendPatch('rows', 20, ['a', 'b'])).toEqual({ 'rows[20]': 'a', 'rows[21]': 'b' });
  });

  it('refreshes the code 10 s before expiry, at least 1 s later', () => {
    expect(refreshDelay('2026-03-10T00:01:00.000Z', Date.parse('2026-03-10T00:00:00.000Z'))).toBe(50_000);
    expect(refreshDelay('2026-03-10T00:00:05.000Z', Date.parse('2026-03-10T00:00:00.000Z'))).toBe(1_000);
  });

  it('describes the progress to the next tier and the top tier', () => {
    expect(progressText(memberCard())).toBe('还差 120 成长值升级为 黄金');
    expect(progressPercent(memberCard())).toBe(76);
    expect(progressText(memberCard({ nextTier: null }))).toBe('已是最高等级 白银');
    expect(progressPercent(memberCard({ nextTier: null }))).toBe(100);
  });
});
