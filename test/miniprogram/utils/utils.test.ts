import { benefitRule, benefitValue } from '../../../miniprogram/utils/coupon-view';
import { countdownText, groupSharePath } from '../../../miniprogram/utils/groupbuy-view';
import { rewardText } from '../../../miniprogram/utils/offer-view';
import { invitePath } from '../../../miniprogram/utils/referral-view';
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

describe('coupon, group-buy and offer views', () => {
  it('labels benefits', () => {
    expect(benefitValue({ kind: 'cash_off', thresholdFen: 0, amountOffFen: 550 })).toBe('¥5.5');
    expect(benefitValue({ kind: 'percent_off', thresholdFen: 0, discountPermille: 125, capFen: null })).toBe('8.75折');
    expect(benefitValue({ kind: 'free_shipping', thresholdFen: 0 })).toBe('免运费');
    expect(benefitRule({ kind: 'gift', thresholdFen: 5000, giftLabel: '柠檬水' })).toBe('满50元可用，赠柠檬水');
    expect(benefitRule({ kind: 'cash_off', thresholdFen: 0, amountOffFen: 500 })).toBe('无门槛');
  });

  it('counts down to the deadline', () => {
    const now = Date.parse('2026-03-10T00:00:00.000Z');
    expect(countdownText('2026-03-11T01:02:03.000Z', now)).toBe('剩余 25:02:03');
    expect(countdownText('2026-03-10T00:00:00.000Z', now)).toBe('已结束');
    expect(countdownText('not a date', now)).toBe('已结束');
  });

  it('builds share paths that carry the group id and invite code', () => {
    expect(groupSharePath('g 1')).toBe('/pages/groupbuy/index?groupId=g%201');
    expect(invitePath('AB12')).toBe('/pages/referral/index?inviteCode=AB12');
  });

  it('describes campaign rewards', () => {
    expect(rewardText({ kind: 'points', points: 30 })).toBe('赠送 30 积分');
    expect(rewardText({ kind: 'multiplier', permille: 1500, days: 3 })).toBe('3 天内消费积分 1.5 倍');
  });
});
