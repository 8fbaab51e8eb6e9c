import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * Sequential database round trips as the functions' SDK sees them: Node's HTTP client reports
 * every request it starts (diagnostics_channel). A request may have waited on any request that
 * finished before it started, so its depth is one more than the deepest of those; requests in
 * flight together (Promise.all) share a depth. The deepest chain is the latency a call pays in
 * round trips. Calls measured one after the other add up (each starts after the last finished).
 * Counted at the client because the emulator answers one request at a time and cannot see overlap.
 */
export class RoundTrips {
  private finishedDepth = 0;
  private readonly path: string;
  private readonly onStart = (message: unknown): void => {
    const request = (message as { request: ClientRequest }).request;
    if (!request.path.startsWith(this.path)) return;
    const depth = this.finishedDepth + 1;
    request.once('close', () => {
      this.finishedDepth = Math.max(this.finishedDepth, depth);
    });
  };

  /** Counts requests to `databaseUrl` (the emulator's endpoint for the functions' SDK; its path carries the start's token). */
  constructor(databaseUrl: string) {
    this.path = new URL(databaseUrl).pathname;
    subscribe('http.client.request.start', this.onStart);
  }

  /** Round trips in sequence since the last reset. */
  get rounds(): number {
    return this.finishedDepth;
  }

  reset(): void {
    this.finishedDepth = 0;
  }

  close(): void {
    unsubscribe('http.client.request.start', this.onStart);
  }
}
