import type { Logger } from 'pino';
import { useClock } from '../cloudfunctions/shared/platform/clock';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "30d", "-2h", "90m", "45s" → milliseconds. */
export function parseOffset(value: string): number {
  const match = /^(-?\d+)([smhd])$/.exec(value.trim());
  if (!match) throw new Error(`--clock-offset takes a number and a unit (s, m, h, d), e.g. 30d or -2h; got "${value}"`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** The functions run in this process and read business time from the shared clock module only. */
export function applyClockOffset(value: string, log: Logger): void {
  const offsetMs = parseOffset(value);
  useClock({ now: () => new Date(Date.now() + offsetMs) });
  log.warn({ offsetMs }, `business clock shifted by ${value}`);
}
