// Request counters, e.g. for cost benchmarks (CloudBase bills database reads
// and writes per request). Counted per HTTP request, whether or not it succeeded.

export type ActionKind = 'read' | 'write' | 'transaction' | 'admin';

export interface StatsSnapshot {
  requests: number;
  /** requests that read: getDocument, calculateDocument, aggregateDocuments, getInTransaction */
  reads: number;
  /** requests that write: insert/modify/remove/modifyAndReturn and their in-transaction forms */
  writes: number;
  /** transaction control requests: start, commit, abort */
  transactions: number;
  /** requests answered with an error code */
  errors: number;
  /** documents returned / counted by reads, and documents inserted/updated/deleted */
  docsRead: number;
  docsWritten: number;
  byAction: Record<string, number>;
}

export class RequestStats implements StatsSnapshot {
  requests = 0;
  reads = 0;
  writes = 0;
  transactions = 0;
  errors = 0;
  docsRead = 0;
  docsWritten = 0;
  byAction: Record<string, number> = {};

  record(action: string, kind: ActionKind | undefined): void {
    this.requests++;
    this.byAction[action] = (this.byAction[action] ?? 0) + 1;
    if (kind === 'read') this.reads++;
    else if (kind === 'write') this.writes++;
    else if (kind === 'transaction') this.transactions++;
  }

  resetStats(): void {
    this.requests = this.reads = this.writes = this.transactions = this.errors = 0;
    this.docsRead = this.docsWritten = 0;
    this.byAction = {};
  }

  /** Alias of resetStats(). */
  reset(): void {
    this.resetStats();
  }

  snapshot(): StatsSnapshot {
    const { requests, reads, writes, transactions, errors, docsRead, docsWritten } = this;
    return { requests, reads, writes, transactions, errors, docsRead, docsWritten, byAction: { ...this.byAction } };
  }
}
