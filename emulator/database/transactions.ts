// Optimistic transactions.
//
// A transaction buffers its writes in memory and remembers, for every document
// it touched, the store version it first saw (null = absent). Reads inside the
// transaction see its own buffered writes first. Commit runs in one SQLite
// transaction: if any remembered version changed (another transaction or a
// plain write got there first — including an insert of the same _id) the
// commit fails with DATABASE_TRANSACTION_CONFLICT, which the SDK's
// runTransaction() retries; otherwise all buffered writes are applied at once.
// A write to a document that already changed since this transaction first saw it fails at
// once with DATABASE_TRANSACTION_CONFLICT and ends the transaction: its commit could only fail,
// so the caller learns it before doing the rest of its work. (Open transactions do not block
// each other: measured with 50 contending purchases, making a pending writer win outright,
// as MongoDB does, cost 2-3x the time of letting the first commit win.)
// Abort drops the buffer. A transaction not committed/aborted within 30 s
// (CloudBase's documented limit) is forgotten; using it afterwards gives
// DATABASE_TRANSACTION_FAIL like the cloud's TransactionNotExist.
// Only single-document operations exist in CloudBase transactions (doc(), add).

import { randomBytes } from 'crypto';
import { cloneDoc, type Doc } from './codec';
import { DbError, ErrorCodes, collectionNotExist, invalidParam } from './errors';
import type { JsonObject } from './protocol';
import { duplicateId, newDocId } from './operations';
import type { Store } from './store';
import { applyModification } from './updates';

export const TRANSACTION_TIMEOUT_MS = 30_000;

interface Touched {
  coll: string;
  id: string;
  /** version first observed; null = document absent */
  version: number | null;
}

interface Write {
  coll: string;
  id: string;
  /** null = delete */
  doc: Doc | null;
}

interface TxState {
  id: string;
  expiresAt: number;
  reads: Map<string, Touched>;
  writes: Map<string, Write>;
}

const keyOf = (coll: string, id: string): string => `${coll}\u0000${id}`;

export interface TransactionCounters {
  started: number;
  committed: number;
  aborted: number;
  conflicts: number;
  expired: number;
}

export class TransactionManager {
  private readonly active = new Map<string, TxState>();
  readonly counters: TransactionCounters = { started: 0, committed: 0, aborted: 0, conflicts: 0, expired: 0 };

  constructor(
    private readonly store: Store,
    private readonly timeoutMs = TRANSACTION_TIMEOUT_MS,
    private readonly now: () => number = Date.now,
  ) {}

  begin(): string {
    this.sweep();
    const id = randomBytes(16).toString('hex');
    this.active.set(id, { id, expiresAt: this.now() + this.timeoutMs, reads: new Map(), writes: new Map() });
    this.counters.started++;
    return id;
  }

  get activeCount(): number {
    return this.active.size;
  }

  private sweep(): void {
    const t = this.now();
    for (const tx of this.active.values()) {
      if (tx.expiresAt <= t) {
        this.end(tx);
        this.counters.expired++;
      }
    }
  }

  private use(txId: string): TxState {
    this.sweep();
    const tx = this.active.get(txId);
    if (!tx) {
      throw new DbError(
        ErrorCodes.DATABASE_TRANSACTION_FAIL,
        `[ResourceUnavailable.TransactionNotExist] transaction ${txId} does not exist ` +
          `(already committed/aborted, or not finished within ${this.timeoutMs / 1000} s)`,
      );
    }
    return tx;
  }

  private end(tx: TxState): void {
    this.active.delete(tx.id);
  }

  private conflict(tx: TxState, coll: string, id: string, why: string): DbError {
    this.end(tx);
    this.counters.conflicts++;
    return new DbError(
      ErrorCodes.DATABASE_TRANSACTION_CONFLICT,
      `[ResourceUnavailable.TransactionConflict] Transaction is conflict, document ${coll}/${id} ${why}`,
    );
  }

  /** Fails the transaction now if the document changed since it was first seen (the commit would fail). */
  private claim(tx: TxState, coll: string, id: string): void {
    const seen = tx.reads.get(keyOf(coll, id));
    if (seen && this.store.versionOf(coll, id) !== seen.version) throw this.conflict(tx, coll, id, 'was changed by another operation');
  }

  /** Current view of a document inside the transaction (records what was read). */
  private view(tx: TxState, coll: string, id: string): Doc | undefined {
    const key = keyOf(coll, id);
    const w = tx.writes.get(key);
    if (w) return w.doc ? cloneDoc(w.doc) : undefined;
    const stored = this.store.getById(coll, id);
    if (!tx.reads.has(key)) tx.reads.set(key, { coll, id, version: stored ? stored.version : null });
    return stored?.doc;
  }

  private collectionVisible(tx: TxState, coll: string): boolean {
    if (this.store.hasCollection(coll)) return true;
    for (const w of tx.writes.values()) if (w.coll === coll) return true;
    return false;
  }

  get(txId: string, coll: string, id: string): Doc | undefined {
    const tx = this.use(txId);
    if (!this.collectionVisible(tx, coll)) throw collectionNotExist(coll);
    return this.view(tx, coll, id);
  }

  insert(txId: string, coll: string, doc: Doc): string {
    const tx = this.use(txId);
    const id = doc._id === undefined ? newDocId() : doc._id;
    if (typeof id !== 'string' || id === '') throw invalidParam('_id must be a non-empty string');
    if (this.view(tx, coll, id) !== undefined) throw duplicateId(coll, id);
    this.claim(tx, coll, id);
    tx.writes.set(keyOf(coll, id), { coll, id, doc: { _id: id, ...cloneDoc(doc) } });
    return id;
  }

  modify(txId: string, coll: string, id: string, data: JsonObject, merge: boolean, upsert: boolean): { updated: number; upsertId?: string } {
    const tx = this.use(txId);
    if (!upsert && !this.collectionVisible(tx, coll)) throw collectionNotExist(coll);
    const current = this.view(tx, coll, id);
    if (current === undefined && !upsert) return { updated: 0 };
    const { doc, changed } = applyModification(id, current, data, merge);
    if (changed) {
      this.claim(tx, coll, id);
      tx.writes.set(keyOf(coll, id), { coll, id, doc });
    }
    return current === undefined ? { updated: 0, upsertId: id } : { updated: changed ? 1 : 0 };
  }

  remove(txId: string, coll: string, id: string): number {
    const tx = this.use(txId);
    if (!this.collectionVisible(tx, coll)) throw collectionNotExist(coll);
    if (this.view(tx, coll, id) === undefined) return 0;
    this.claim(tx, coll, id);
    tx.writes.set(keyOf(coll, id), { coll, id, doc: null });
    return 1;
  }

  commit(txId: string): void {
    const tx = this.use(txId);
    this.end(tx);
    this.store.atomic(() => {
      for (const r of tx.reads.values()) {
        if (this.store.versionOf(r.coll, r.id) !== r.version) {
          this.counters.conflicts++;
          throw new DbError(
            ErrorCodes.DATABASE_TRANSACTION_CONFLICT,
            `[ResourceUnavailable.TransactionConflict] Transaction is conflict, document ${r.coll}/${r.id} was changed by another operation`,
          );
        }
      }
      for (const w of tx.writes.values()) {
        if (w.doc === null) this.store.delete(w.coll, w.id);
        else if (this.store.versionOf(w.coll, w.id) === null) {
          this.store.createCollection(w.coll);
          this.store.insert(w.coll, w.id, w.doc);
        } else this.store.replace(w.coll, w.id, w.doc);
      }
    });
    this.counters.committed++;
  }

  abort(txId: string): void {
    this.end(this.use(txId));
    this.counters.aborted++;
  }
}
