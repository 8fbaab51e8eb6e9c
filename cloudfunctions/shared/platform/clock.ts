/**
 * The one clock business code reads. Handlers take `now` from here once per call and pass it down;
 * rules never call Date.now(). Tests and the emulator replace it with `useClock`.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

let current: Clock = systemClock;

export function currentClock(): Clock {
  return current;
}

/** Installs a clock and returns a function restoring the previous one. */
export function useClock(clock: Clock): () => void {
  const previous = current;
  current = clock;
  return () => {
    current = previous;
  };
}

/** A settable clock for tests and simulations. */
export class ManualClock implements Clock {
  private millis: number;

  constructor(start: Date | string) {
    this.millis = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.millis);
  }

  set(to: Date | string): void {
    this.millis = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.millis += ms;
  }
}
