/** One repeating timer per owner (a page instance): the group countdown. Starting again replaces it. */
const tickers = new WeakMap<object, ReturnType<typeof setInterval>>();

export function startTicker(owner: object, everyMs: number, tick: () => void): void {
  stopTicker(owner);
  tickers.set(owner, setInterval(tick, everyMs));
}

export function stopTicker(owner: object): void {
  const timer = tickers.get(owner);
  if (timer !== undefined) clearInterval(timer);
  tickers.delete(owner);
}

export function isTicking(owner: object): boolean {
  return tickers.has(owner);
}
