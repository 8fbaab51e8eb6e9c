// SQLite storage (libsql, better-sqlite3 compatible synchronous API).
//
// Layout: one table per collection, "c_<name>" (_id TEXT PRIMARY KEY, doc TEXT,
// version INTEGER). One table per collection (rather than one table with a
// collection column) because each declared index is then a plain expression
// index on exactly the documents it covers, EXPLAIN output is easy to read,
// and dropping/inspecting a collection with the sqlite3 CLI is trivial.
// `version` is a store-wide, ever-increasing write clock: every write gives the
// document a fresh value, so a transaction that remembers the version it read
// detects any later change — including delete + re-insert (no ABA problem).
// All writes happen inside `atomic()` (one SQLite transaction), so a batch
// insert or a transaction commit is all-or-nothing and durable (WAL mode).

import Database from 'libsql';
import * as fs from 'fs';
import * as path from 'path';
import { decodeDoc, docKey, encodeDoc, FIRST_STRING_KEY, type Doc, type DocId } from './codec';
import { DbError, ErrorCodes, collectionNotExist } from './errors';
import { geoPaths, type IndexCatalog, type IndexSpec } from './indexes';
import { fieldExpr, pathTouchesArray, planFilter } from './query-plan';

type Db = InstanceType<typeof Database>;
type SqlValue = string | number | null;
/** The subset of the better-sqlite3 statement API we use, with bind params typed. */
interface Stmt {
  run(...params: SqlValue[]): { changes: number };
  get(...params: SqlValue[]): unknown;
  all(...params: SqlValue[]): unknown[];
}

export interface StoredDoc {
  id: DocId;
  doc: Doc;
  version: number;
}

/** Rows fetched per step when streaming in `_id` order. */
const STREAM_CHUNK = 256;

interface Row {
  rid?: number;
  _id: string;
  doc: string;
  version: number;
}

const tableName = (coll: string): string => `"c_${coll}"`;
const indexName = (coll: string, spec: IndexSpec): string => `"ix_${coll}__${spec.name}"`;

function getPath(doc: Doc, p: string): unknown {
  let cur: unknown = doc;
  for (const seg of p.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** Equality of index key parts with Mongo's notion of "same key" (null ≡ missing). */
function sameKey(a: unknown, b: unknown): boolean {
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function toSqlKey(v: unknown): SqlValue {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' || typeof v === 'number') return v;
  return null;
}

export class Store {
  private readonly db: Db;
  /** One transaction wrapper for every atomic() call: building one per call costs more than the write. */
  private readonly inTransaction: (fn: () => unknown) => unknown;
  private readonly collections = new Set<string>();
  private readonly multikey = new Map<string, Set<string>>();
  /** usableIndexedPaths() per collection; dropped when a path turns multikey. */
  private readonly usablePaths = new Map<string, ReadonlySet<string>>();
  private readonly statements = new Map<string, Stmt>();
  private clock = 0;
  private readonly persistent: boolean;
  /** Called before any document is inserted, replaced or deleted (transactions keep pre-images). */
  onBeforeWrite?: (coll: string, id: DocId) => void;

  constructor(
    dataDir: string | null | undefined,
    private readonly catalog: IndexCatalog,
  ) {
    this.persistent = Boolean(dataDir);
    if (dataDir) {
      fs.mkdirSync(dataDir, { recursive: true });
      this.db = new Database(path.join(dataDir, 'database.sqlite'));
      this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    } else {
      this.db = new Database(':memory:');
    }
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn());
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS "_multikey" (collection TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (collection, path))',
    );
    this.reloadCollections();
    for (const r of this.db.prepare('SELECT collection, path FROM "_multikey"').all() as Array<{ collection: string; path: string }>) {
      this.multikeySet(r.collection).add(r.path);
    }
    // Declared collections exist from the start, like collections created in the console.
    for (const coll of catalog.keys()) this.createCollection(coll);
    for (const coll of this.collections) {
      this.ensureIndexes(coll);
      const row = this.db.prepare(`SELECT MAX(version) AS v FROM ${tableName(coll)}`).get() as { v: number | null } | undefined;
      this.clock = Math.max(this.clock, row?.v ?? 0);
    }
  }

  close(): void {
    if (!this.db.open) return;
    // Fold the write-ahead log into the database file and leave WAL mode (which deletes the
    // -wal and -shm files; the next open turns WAL on again): a stopped emulator's data folder
    // is one file that can be copied or shared. Relying on close() alone is not enough: libsql
    // keeps the connection (and its WAL files) while cached statements are alive.
    if (this.persistent) {
      try {
        this.db.exec('PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;');
      } catch {
        // busy (a reader still open): the WAL stays beside the file and is replayed on next open
      }
    }
    this.db.close();
  }

  // ---- collections ----------------------------------------------------------

  hasCollection(coll: string): boolean {
    return this.collections.has(coll);
  }

  requireCollection(coll: string): void {
    if (!this.collections.has(coll)) throw collectionNotExist(coll);
  }

  /** @returns false when it already existed */
  createCollection(coll: string): boolean {
    if (this.collections.has(coll)) return false;
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${tableName(coll)} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL, version INTEGER NOT NULL)`,
    );
    this.collections.add(coll);
    this.ensureIndexes(coll);
    return true;
  }

  private ensureIndexes(coll: string): void {
    for (const spec of this.catalog.get(coll) ?? []) {
      const scalarFields = spec.fields.filter(([, kind]) => kind !== '2dsphere');
      if (scalarFields.length === 0) continue; // geo: answered by geo.ts, no SQL index
      const exprs = scalarFields.map(([p]) => fieldExpr(p)).join(', ');
      // Uniqueness is enforced in checkUnique() with Mongo semantics (null ≡
      // missing, type-aware), not by a SQLite UNIQUE index whose NULL and
      // true-vs-1 rules differ; the SQL index makes that check a lookup.
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${indexName(coll, spec)} ON ${tableName(coll)} (${exprs})`);
    }
  }

  private multikeySet(coll: string): Set<string> {
    let s = this.multikey.get(coll);
    if (!s) {
      s = new Set();
      this.multikey.set(coll, s);
    }
    return s;
  }

  /** Paths of declared indexes that can be used for push-down (never held an array). */
  usableIndexedPaths(coll: string): ReadonlySet<string> {
    const known = this.usablePaths.get(coll);
    if (known) return known;
    const mk = this.multikey.get(coll);
    const out = new Set<string>();
    for (const spec of this.catalog.get(coll) ?? []) {
      for (const [p, kind] of spec.fields) if (kind !== '2dsphere' && !mk?.has(p)) out.add(p);
    }
    this.usablePaths.set(coll, out);
    return out;
  }

  /** Declared indexes of a collection. */
  indexesOf(coll: string): readonly IndexSpec[] {
    return this.catalog.get(coll) ?? [];
  }

  /** Paths with a 2dsphere index. */
  geoIndexedPaths(coll: string): string[] {
    return geoPaths(this.catalog.get(coll));
  }

  /** Whether every `_id` of the collection is a string (so SQL `_id` order is MongoDB's order). */
  onlyStringIds(coll: string): boolean {
    if (!this.collections.has(coll)) return true;
    return this.stmt(`SELECT 1 FROM ${tableName(coll)} WHERE _id < ? LIMIT 1`).get(FIRST_STRING_KEY) === undefined;
  }

  /** The store-wide write clock: the version the next write will exceed. */
  get clockValue(): number {
    return this.clock;
  }

  // ---- reads ------------------------------------------------------------------

  private stmt(sql: string): Stmt {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare<SqlValue[]>(sql) as Stmt;
      this.statements.set(sql, s);
    }
    return s;
  }

  private static toStored(r: Row): StoredDoc {
    const doc = decodeDoc(r.doc);
    return { id: (doc._id as DocId | undefined) ?? r._id, doc, version: r.version };
  }

  getById(coll: string, id: DocId): StoredDoc | undefined {
    if (!this.collections.has(coll)) return undefined;
    const row = this.stmt(`SELECT _id, doc, version FROM ${tableName(coll)} WHERE _id = ?`).get(docKey(id)) as Row | undefined;
    return row ? Store.toStored(row) : undefined;
  }

  /** Version of a document, or null when absent. */
  versionOf(coll: string, id: DocId): number | null {
    if (!this.collections.has(coll)) return null;
    const row = this.stmt(`SELECT version FROM ${tableName(coll)} WHERE _id = ?`).get(docKey(id)) as { version: number } | undefined;
    return row ? row.version : null;
  }

  private candidateSql(coll: string, filter: Record<string, unknown>): { sql: string; params: SqlValue[] } {
    const plan = planFilter(filter, this.usableIndexedPaths(coll));
    // No ORDER BY when pushing down: an ORDER BY rowid would bias the planner
    // towards a table scan (sorted for free); candidates() sorts by rowid in JS.
    const sql = plan.where
      ? `SELECT rowid AS rid, _id, doc, version FROM ${tableName(coll)} WHERE ${plan.where}`
      : `SELECT rowid AS rid, _id, doc, version FROM ${tableName(coll)} ORDER BY rowid`;
    return { sql, params: plan.params };
  }

  /**
   * Candidate documents for a filter in insertion order: the pushed-down part
   * of the filter narrows them via indexes; the caller applies the full filter.
   */
  candidates(coll: string, filter: Record<string, unknown>): StoredDoc[] {
    if (!this.collections.has(coll)) return [];
    const { sql, params } = this.candidateSql(coll, filter);
    const rows = this.stmt(sql).all(...params) as Row[];
    // Natural order = insertion order, as the cloud returns unsorted results.
    if (params.length > 0) rows.sort((a, b) => (a.rid ?? 0) - (b.rid ?? 0));
    return rows.map(Store.toStored);
  }

  /**
   * Candidates in `_id` order, streamed, when the filter pushes down nothing but `_id`
   * conditions (the paging pattern `_id > cursor ORDER BY _id LIMIT n` of every batch job):
   * SQLite walks its primary key in order and the caller stops at its limit, instead of
   * decoding and sorting every remaining document. Returns null when another index applies
   * (then the indexed candidate set is the better plan).
   */
  streamById(coll: string, filter: Record<string, unknown>, direction: 1 | -1): Iterable<StoredDoc> | null {
    if (!this.collections.has(coll)) return [];
    const plan = planFilter(filter, this.usableIndexedPaths(coll));
    if (plan.where !== planFilter(filter, new Set()).where) return null;
    if (!this.onlyStringIds(coll)) return null; // tagged keys do not sort like MongoDB's _id order
    const order = direction === 1 ? 'ASC' : 'DESC';
    const next = direction === 1 ? '_id > ?' : '_id < ?';
    const chunk = (after: string | null): Row[] => {
      const where = [plan.where, after === null ? '' : next].filter(Boolean).join(' AND ');
      const sql = `SELECT _id, doc, version FROM ${tableName(coll)}${where ? ` WHERE ${where}` : ''} ORDER BY _id ${order} LIMIT ${STREAM_CHUNK}`;
      return this.stmt(sql).all(...plan.params, ...(after === null ? [] : [after])) as Row[];
    };
    // Bounded keyset chunks rather than one open cursor: a caller that stops early leaves no
    // statement mid-read (libsql's iterator cannot be closed early).
    return (function* stream() {
      let after: string | null = null;
      for (;;) {
        const rows = chunk(after);
        for (const row of rows) yield Store.toStored(row);
        if (rows.length < STREAM_CHUNK) return;
        after = rows[rows.length - 1]._id;
      }
    })();
  }

  /** EXPLAIN QUERY PLAN details for the candidate query (tests prove index use). */
  explain(coll: string, filter: Record<string, unknown>): string[] {
    this.requireCollection(coll);
    const { sql, params } = this.candidateSql(coll, filter);
    return ((this.db.prepare<SqlValue[]>(`EXPLAIN QUERY PLAN ${sql}`) as Stmt).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
  }

  // ---- writes (call inside atomic()) ----------------------------------------


  atomic<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    try {
      return this.inTransaction(fn) as T;
    } catch (err) {
      // A rolled-back transaction may have undone a CREATE TABLE; resync.
      this.reloadCollections();
      throw err;
    }
  }

  private reloadCollections(): void {
    this.collections.clear();
    const tables = this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'`)
      .all() as Array<{ name: string }>;
    for (const t of tables) this.collections.add(t.name.slice(2));
  }

  private beforeWrite(coll: string, id: DocId, doc: Doc): void {
    this.createCollection(coll);
    this.onBeforeWrite?.(coll, id);
    for (const spec of this.catalog.get(coll) ?? []) {
      for (const [p, kind] of spec.fields) {
        const mk = this.multikeySet(coll);
        if (kind !== '2dsphere' && !mk.has(p) && pathTouchesArray(doc, p)) {
          mk.add(p);
          this.usablePaths.delete(coll);
          this.stmt('INSERT OR IGNORE INTO "_multikey" (collection, path) VALUES (?, ?)').run(coll, p);
        }
      }
      if (spec.unique) this.checkUnique(coll, id, doc, spec);
    }
  }

  private checkUnique(coll: string, id: DocId, doc: Doc, spec: IndexSpec): void {
    const key = spec.fields.map(([p]) => getPath(doc, p));
    if (spec.sparse && key.every((k) => k === undefined)) return;
    const mk = this.multikey.get(coll);
    const scalar = key.every((k) => k === undefined || k === null || k instanceof Date || typeof k !== 'object');
    let rows: Row[];
    if (scalar && !spec.fields.some(([p]) => mk?.has(p))) {
      const where = spec.fields.map(([p]) => `${fieldExpr(p)} IS ?`).join(' AND ');
      rows = this.stmt(`SELECT _id, doc, version FROM ${tableName(coll)} WHERE ${where} AND _id <> ?`).all(
        ...key.map(toSqlKey),
        docKey(id),
      ) as Row[];
    } else {
      rows = this.stmt(`SELECT _id, doc, version FROM ${tableName(coll)} WHERE _id <> ?`).all(docKey(id)) as Row[];
    }
    for (const r of rows) {
      const other = decodeDoc(r.doc);
      const otherKey = spec.fields.map(([p]) => getPath(other, p));
      if (spec.sparse && otherKey.every((k) => k === undefined)) continue;
      if (key.every((k, i) => sameKey(k, otherKey[i]))) {
        throw new DbError(
          ErrorCodes.DATABASE_DUPLICATE_WRITE,
          `E11000 duplicate key error collection: ${coll} index: ${spec.name} dup key: ${JSON.stringify(key)}`,
        );
      }
    }
  }

  insert(coll: string, id: DocId, doc: Doc): number {
    if (this.versionOf(coll, id) !== null) {
      throw new DbError(
        ErrorCodes.DATABASE_DUPLICATE_WRITE,
        `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
      );
    }
    this.beforeWrite(coll, id, doc);
    const version = ++this.clock;
    this.stmt(`INSERT INTO ${tableName(coll)} (_id, doc, version) VALUES (?, ?, ?)`).run(docKey(id), encodeDoc({ _id: id, ...doc }), version);
    return version;
  }

  /** Replaces an existing document (keeps its insertion position). */
  replace(coll: string, id: DocId, doc: Doc): number {
    this.beforeWrite(coll, id, doc);
    const version = ++this.clock;
    const res = this.stmt(`UPDATE ${tableName(coll)} SET doc = ?, version = ? WHERE _id = ?`).run(encodeDoc({ _id: id, ...doc }), version, docKey(id));
    if (res.changes !== 1) throw new DbError(ErrorCodes.SYS_ERR, `replace of missing document ${coll}/${String(id)}`);
    return version;
  }

  delete(coll: string, id: DocId): boolean {
    if (!this.collections.has(coll)) return false;
    this.onBeforeWrite?.(coll, id);
    return this.stmt(`DELETE FROM ${tableName(coll)} WHERE _id = ?`).run(docKey(id)).changes === 1;
  }
}
