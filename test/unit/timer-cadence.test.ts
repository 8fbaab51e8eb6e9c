import fc from 'fast-check';
import { latestSlot, type Cadence } from '../../cloudfunctions/shared/domain/timers/cadence';

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

describe('latestSlot: the instant a scheduled job last became due (China time)', () => {
  it('reads daily, hourly and every-N-minutes cadences on Asia/Shanghai', () => {
    const daily: Cadence = { dailyAt: { hour: 2, minute: 30 } };
    expect(latestSlot(daily, at('2026-03-10T02:29:59+08:00')).toISOString()).toBe('2026-03-08T18:30:00.000Z'); // yesterday 02:30
    expect(latestSlot(daily, at('2026-03-10T02:30:00+08:00')).toISOString()).toBe('2026-03-09T18:30:00.000Z');
    expect(latestSlot({ hourlyAt: 5 }, at('2026-03-10T12:04:00+08:00')).toISOString()).toBe('2026-03-10T03:05:00.000Z'); // 11:05
    expect(latestSlot({ everyMinutes: 10 }, at('2026-03-10T12:19:30+08:00')).toISOString()).toBe('2026-03-10T04:10:00.000Z'); // 12:10
  });

  const cadence = fc.oneof(
    fc.integer({ min: 1, max: 60 }).map((everyMinutes): Cadence => ({ everyMinutes })),
    fc.integer({ min: 0, max: 59 }).map((hourlyAt): Cadence => ({ hourlyAt })),
    fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) }).map((dailyAt): Cadence => ({ dailyAt })),
  );
  const period = (c: Cadence): number => ('everyMinutes' in c ? c.everyMinutes * MINUTE : 'hourlyAt' in c ? 60 * MINUTE : 24 * 60 * MINUTE);
  const instant = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }).map((ms) => new Date(ms));

  it('is never after now, less than one period before it, and stable until the next slot', () => {
    fc.assert(
      fc.property(cadence, instant, (c, now) => {
        const slot = latestSlot(c, now);
        expect(slot.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(now.getTime() - slot.getTime()).toBeLessThan(period(c));
        expect(slot.getUTCSeconds()).toBe(0);
        // Any instant between the slot and now has the same latest slot: one run per slot.
        const between = new Date(slot.getTime() + Math.floor((now.getTime() - slot.getTime()) / 2));
        expect(latestSlot(c, between).getTime()).toBe(slot.getTime());
        // The slot is its own latest slot (due exactly at that instant).
        expect(latestSlot(c, slot).getTime()).toBe(slot.getTime());
      }),
    );
  });
});
