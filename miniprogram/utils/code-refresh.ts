/** Refresh the member code this long before it expires, so a scan never sees an expired code. */
export const REFRESH_MARGIN_MS = 10_000;
const MIN_DELAY_MS = 1_000;

export function refreshDelay(expiresAt: string, now: number): number {
  return Math.max(MIN_DELAY_MS, Date.parse(expiresAt) - now - REFRESH_MARGIN_MS);
}

const timers = new WeakMap<object, ReturnType<typeof setTimeout>>();

/** One pending refresh per owner (a page instance); scheduling again replaces it. */
export function scheduleRefresh(owner: object, delayMs: number, run: () => void): void {
  cancelRefresh(owner);
  timers.set(owner, setTimeout(run, delayMs));
}

export function cancelRefresh(owner: object): void {
  const timer = timers.get(owner);
  if (timer !== undefined) clearTimeout(timer);
  timers.delete(owner);
}
