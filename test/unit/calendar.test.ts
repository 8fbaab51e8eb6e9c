import { dayKey, endOfMonthAfter, monthKey, trailingMonthKeys } from '../../cloudfunctions/shared/domain/time/calendar';
import { isValidCardNo, randomCardNo } from '../../cloudfunctions/shared/domain/members/card-number';
import { maskName } from '../../cloudfunctions/shared/domain/members/personal-data';

describe('business calendar (Asia/Shanghai)', () => {
  it('counts days and months in China time, not UTC', () => {
    const lateUtc = new Date('2026-01-31T17:30:00Z'); // 01:30 on 1 February in Shanghai
    expect(dayKey(lateUtc)).toBe('2026-02-01');
    expect(monthKey(lateUtc)).toBe('2026-02');
  });

  it('expires points at the end of the 12th month after earning', () => {
    const earned = new Date('2026-03-15T12:00:00+08:00');
    expect(endOfMonthAfter(earned, 12).toISOString()).toBe(new Date('2027-03-31T23:59:59.999+08:00').toISOString());
    const leap = new Date('2027-02-10T12:00:00+08:00');
    expect(endOfMonthAfter(leap, 12).toISOString()).toBe(new Date('2028-02-29T23:59:59.999+08:00').toISOString());
  });

  it('lists the trailing window of months', () => {
    expect(trailingMonthKeys(new Date('2026-02-10T00:00:00+08:00'), 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });
});

describe('card numbers and masking', () => {
  it('generates 12-digit Luhn-valid card numbers and catches a mistyped digit', () => {
    for (let i = 0; i < 200; i += 1) expect(isValidCardNo(randomCardNo())).toBe(true);
    const card = randomCardNo();
    const typo = card.slice(0, 5) + String((Number(card[5]) + 1) % 10) + card.slice(6);
    expect(isValidCardNo(typo)).toBe(false);
  });

  it('masks names for the till', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('Li')).toBe('L*');
    expect(maskName('  ')).toBe('会员');
  });
});
