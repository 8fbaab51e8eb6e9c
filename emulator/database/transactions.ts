// Transactions with MongoDB's observable behaviour (CloudBase transactions are MongoDB
// multi-document transactions):
//
//  - Snapshot reads. A transaction reads the database as it was when it started, plus its own
//    writes: a document read twice shows the same content even if someone commits a change in
//    between (MongoDB read concern "snapshot"; the snapshot is taken at the first operation). The store tells the manager before every write
//    (Store.onBeforeWrite); the manager keeps the previous content for each open transaction
//    that has not saved one yet — a copy-on-write pre-image, only while transactions are open.
//  - Write conflicts at the write. The first transaction to write a document owns it until it
//    ends; another transaction writing the same document, or writing a document changed since
//    its snapshot, fails at that write with DATABASE_TRANSACTION_CONFLICT and is aborted
//    (MongoDB: WriteConflict, "TransientTransactionError"); the SDK's runTransaction re-runs it.
//    The owner goes on and commits. Reads never conflict (snapshot isolation, not
//    serializable: two transactions that read each other's documents and write different ones
//    both commit — as in the cloud).
//  - A plain (non-transactional) write to a document an open transaction wrote makes that
//    transaction's commit fail with DATABASE_TRANSACTION_CONFLICT (MongoDB would make the
//    plain write wait for the transaction instead; see docs/emulator-database.md).
//  - A transaction not committed or aborted within 30 s (CloudBase's documented limit) is
//    aborted; using a committed, aborted or expired transaction answers
//    DATABASE_TRANSACTION_FAIL saying which of the three happened.

import { randomBytes } from 'crypto';
import { cloneDoc, docKey, type Doc, type DocId } from './codec';
import { DbError, ErrorCodes, collectionNotExist } from './errors';
import type { JsonObject } from './protocol';
import { duplicateId, idForInsert } from './operations';
import type { Store } from './store';
import { applyModification } from './updates';

export const TRANSACTION_TIMEOUT_MS = 30_000;

interface Write {
  coll: string;
  id: DocId;
  /** null = delete */
  doc: Doc | null;
  /** store version the document had at the snapshot (null = absent) */
  baseVersion: number | null;
}

interface TxState {
  id: string;
  expiresAt: number;
  /**
   * store clock when the snapshot was taken — at the transaction's first operation, as MongoDB
   * picks a snapshot at the first read or write; versions above it were written after it
   */
  snapshot: number | null;
  /** content at the snapshot of documents overwritten since (null = absent then) */
  preImages: Map<string, Doc | null>;
  writes: Map<string, Write>;
}

type EndReason = 'committed' | 'aborted' | 'expired' | 'conflict';

const keyOf = (coll: string, id: DocId): string => `${coll}\u0000${docKey(id)}`;
const collOfKey = (key: string): string => key.slice(0, key.indexOf('\u0000'));

/** How many ended transaction ids are remembered to explain a late use. */
const ENDED_MEMORY = 1000;

export interface TransactionCounters {
  started: number;
  committed: number;
  aborted: number;
  conflicts: number;
  expired: number;
}

export class TransactionManager {
  private readonly active = new Map<string, TxState>();
  private readonly ended = new Map<string, EndReason>();
  /** document key → id of the open transaction that wrote it first */
  private readonly owners = new Map<string, string>();
  readonly counters: TransactionCounters = { started: 0, committed: 0, aborted: 0, conflicts: 0, expired: 0 };

  constructor(
    private readonly store: Store,
    private readonly timeoutMs = TRANSACTION_TIMEOUT_MS,
    private readonly now: () => number = Date.now,
  ) {
    store.onBeforeWrite = (coll, id) => this.keepPreImages(coll, id);
  }

  begin(): string {
    this.sweep();
    const id = randomBytes(16).toString('hex');
    this.active.set(id, {
      id,
      expiresAt: this.now() + this.timeoutMs,
      snapshot: null,
      preImages: new Map(),
      writes: new Map(),
    });
    this.counters.started++;
    return id;
  }

  get activeCount(): number {
    return this.active.size;
  }

  private keepPreImages(coll: string, id: DocId): void {
    if (this.active.size === 0) return;
    const key = keyOf(coll, id);
    let before: Doc | null | undefined;
    for (const tx of this.active.values()) {
      if (tx.snapshot === null || tx.preImages.has(key)) continue;
      if (before === undefined) before = this.store.getById(coll, id)?.doc ?? null;
      tx.preImages.set(key, before);
    }
  }

  private sweep(): void {
    const t = this.now();
    for (const tx of this.active.values()) {
      if (tx.expiresAt <= t) {
        this.end(tx, 'expired');
        this.counters.expired++;
      }
    }
  }

  private use(txId: string): TxState {
    this.sweep();
    const tx = this.active.get(txId);
    if (!tx) throw this.notUsable(txId);
    tx.snapshot ??= this.store.clockValue;
    return tx;
  }

  /** MongoDB's wording for a transaction that is no longer open, behind CloudBase's code. */
  private notUsable(txId: string): DbError {
    const why = this.ended.get(txId);
    const text =
      why === 'committed'
        ? `Transaction ${txId} has been committed.`
        : why === 'aborted' || why === 'conflict'
          ? `Transaction ${txId} has been aborted.`
          : why === 'expired'
            ? `Transaction ${txId} has been aborted: it was not committed within the ${this.timeoutMs / 1000} s transaction lifetime.`
            : `Transaction ${txId} does not exist.`;
    return new DbError(ErrorCodes.DATABASE_TRANSACTION_FAIL, `[ResourceUnavailable.TransactionNotExist] ${text}`);
  }

  private end(tx: TxState, reason: EndReason): void {
    this.active.delete(tx.id);
    for (const key of tx.writes.keys()) if (this.owners.get(key) === tx.id) this.owners.delete(key);
    this.ended.set(tx.id, reason);
    if (this.ended.size > ENDED_MEMORY) this.ended.delete(this.ended.keys().next().value as string);
  }

  private conflict(tx: TxState | undefined, coll: string, id: DocId, why: string): DbError {
    if (tx) this.end(tx, 'conflict');
    this.counters.conflicts++;
    return new DbError(
      ErrorCodes.DATABASE_TRANSACTION_CONFLICT,
      `[ResourceUnavailable.TransactionConflict] Transaction is conflict, document ${coll}/${String(id)} ${why}`,
    );
  }

  /** Content of a document as the transaction sees it: its own write, else the snapshot. */
  private view(tx: TxState, coll: string, id: DocId): Doc | undefined {
    const key = keyOf(coll, id);
    const w = tx.writes.get(key);
    if (w) return w.doc ? cloneDoc(w.doc) : undefined;
    if (tx.preImages.has(key)) {
      const pre = tx.preImages.get(key);
      return pre ? cloneDoc(pre) : undefined;
    }
    return this.store.getById(coll, id)?.doc;
  }

  /** Before buffering a write: first writer wins; a document changed since the snapshot conflicts. */
  private claim(tx: TxState, coll: string, id: DocId): number | null {
    const key = keyOf(coll, id);
    const existing = tx.writes.get(key);
    if (existing) return existing.baseVersion;
    const owner = this.owners.get(key);
    if (owner !== undefined && owner !== tx.id) throw this.conflict(tx, coll, id, 'is being written by another transaction');
    const version = this.store.versionOf(coll, id);
    if (tx.preImages.has(key) || (version !== null && version > (tx.snapshot ?? Infinity))) {
      throw this.conflict(tx, coll, id, 'was changed after this transaction started');
    }
    this.owners.set(key, tx.id);
    return version;
  }

  private buffer(tx: TxState, coll: string, id: DocId, doc: Doc | null): void {
    const baseVersion = this.claim(tx, coll, id);
    tx.writes.set(keyOf(coll, id), { coll, id, doc, baseVersion });
  }

  private collectionVisible(tx: TxState, coll: string): boolean {
    if (this.store.hasCollection(coll)) return true;
    for (const w of tx.writes.values()) if (w.coll === coll) return true;
    return false;
  }

  get(txId: string, coll: string, id: DocId): Doc | undefined {
    const tx = this.use(txId);
    if (!this.collectionVisible(tx, coll)) throw collectionNotExist(coll);
    return this.view(tx, coll, id);
  }

  /** Every document of a collection as the transaction sees it, in natural order (where() reads). */
  scan(txId: string, coll: string): Doc[] {
    const tx = this.use(txId);
    if (!this.collectionVisible(tx, coll)) throw collectionNotExist(coll);
    const out: Doc[] = [];
    const seen = new Set<string>();
    for (const stored of this.store.candidates(coll, {})) {
      const key = keyOf(coll, stored.id);
      seen.add(key);
      const d = this.view(tx, coll, stored.id);
      if (d) out.push(d);
    }
    // Deleted since the snapshot (pre-image) or inserted by this transaction: not in the store scan.
    for (const [key, pre] of tx.preImages) {
      if (!seen.has(key) && collOfKey(key) === coll && pre && !tx.writes.has(key)) out.push(cloneDoc(pre));
    }
    for (const [key, w] of tx.writes) if (!seen.has(key) && w.coll === coll && w.doc && !tx.preImages.get(key)) out.push(cloneDoc(w.doc));
    return out;
  }

  insert(txId: string, coll: string, doc: Doc): DocId {
    const tx = this.use(txId);
    const id = idForInsert(doc);
    if (this.view(tx, coll, id) !== undefined) throw duplicateId(coll, id);
    this.buffer(tx, coll, id, { _id: id, ...cloneDoc(doc) });
    return id;
  }

  modify(txId: string, coll: string, id: DocId, data: JsonObject, merge: boolean, upsert: boolean): { updated: number; upsertId?: DocId; doc?: Doc } {
    const tx = this.use(txId);
    if (!upsert && !this.collectionVisible(tx, coll)) throw collectionNotExist(coll);
    const current = this.view(tx, coll, id);
    if (current === undefined && !upsert) return { updated: 0 };
    const { doc, changed, updated } = applyModification(id, current, data, merge);
    if (changed) this.buffer(tx, coll, id, doc);
    return current === undefined ? { updated: 0, upsertId: id, doc } : { updated, doc };
  }

  remove(txId: string, coll: string, id: DocId): number {
    const tx = this.use(txId);
    if (!this.collectionVisible(tx, coll)) throw collectionNotExist(coll);
    if (this.view(tx, coll, id) === undefined) return 0;
    this.buffer(tx, coll, id, null);
    return 1;
  }

  commit(txId: string): void {
    const tx = this.use(txId);
    this.end(tx, 'committed');
    try {
      this.store.atomic(() => {
        for (const w of tx.writes.values()) {
          if (this.store.versionOf(w.coll, w.id) !== w.baseVersion) {
            throw this.conflict(undefined, w.coll, w.id, 'was changed by a write outside the transaction');
          }
        }
        for (const w of tx.writes.values()) {
          if (w.doc === null) this.store.delete(w.coll, w.id);
          else if (w.baseVersion === null) {
            this.store.createCollection(w.coll);
            this.store.insert(w.coll, w.id, w.doc);
          } else this.store.replace(w.coll, w.id, w.doc);
        }
      });
    } catch (err) {
      this.ended.set(tx.id, 'aborted');
      throw err;
    }
    this.counters.committed++;
  }

  abort(txId: string): void {
    this.end(this.use(txId), 'aborted');
    this.counters.aborted++;
  }
}
