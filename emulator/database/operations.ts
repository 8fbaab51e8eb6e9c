// Non-transactional database operations: SQLite candidates (store.ts) +
// MongoDB semantics from mingo (filter, sort, projection, update, aggregation).

import { randomBytes } from 'crypto';
import { Aggregator, Query } from 'mingo';
import type { Doc } from './codec';
import { DbError, ErrorCodes, invalidParam, unsupported } from './errors';
import { isPlainObject, type JsonObject } from './protocol';
import type { Store, StoredDoc } from './store';
import { applyModification } from './updates';

/** CloudBase server-side limits for get(): default 100, at most 1000. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** CloudBase-style _id: 32 lowercase hex characters. */
export function newDocId(): string {
  return randomBytes(16).toString('hex');
}

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  order?: SortSpec;
  offset?: number;
  limit?: number;
  projection?: JsonObject;
}

export function effectiveLimit(limit: number | undefined): number {
  if (limit === undefined || limit === 0) return DEFAULT_LIMIT;
  if (limit < 0) throw invalidParam('limit must not be negative');
  return Math.min(limit, MAX_LIMIT);
}

export function toSortSpec(order: JsonObject): SortSpec {
  const out: SortSpec = {};
  for (const [k, v] of Object.entries(order)) {
    if (v !== 1 && v !== -1) throw invalidParam(`order direction for ${k} must be 1 or -1`);
    out[k] = v;
  }
  return out;
}

export function compileFilter(filter: JsonObject): Query {
  return new Query(filter);
}

export class Operations {
  constructor(readonly store: Store) {}

  /** Matching stored documents in natural (insertion) order. */
  match(coll: string, filter: JsonObject): StoredDoc[] {
    const q = compileFilter(filter);
    return this.store.candidates(coll, filter).filter((s) => q.test(s.doc));
  }

  find(coll: string, filter: JsonObject, opts: FindOptions): { docs: Doc[]; offset: number; limit: number } {
    this.store.requireCollection(coll);
    const limit = effectiveLimit(opts.limit);
    const offset = opts.offset ?? 0;
    if (offset < 0) throw invalidParam('offset must not be negative');
    const q = compileFilter(filter);
    const orderKeys = opts.order ? Object.keys(opts.order) : [];
    const direction = orderKeys.length === 1 && orderKeys[0] === '_id' ? (opts.order?._id === -1 ? -1 : 1) : null;
    const stream = direction === null ? null : this.store.streamById(coll, filter, direction);
    if (stream) {
      // Already in the requested order: match until offset + limit documents, then stop.
      const matched: Doc[] = [];
      for (const stored of stream) {
        if (!q.test(stored.doc)) continue;
        matched.push(stored.doc);
        if (matched.length >= offset + limit) break;
      }
      const page = matched.slice(offset);
      const docs = opts.projection ? (q.find(page, opts.projection).all() as Doc[]) : page;
      return { docs, offset, limit };
    }
    let cursor = q.find(this.store.candidates(coll, filter).map((s) => s.doc), opts.projection);
    if (opts.order && Object.keys(opts.order).length > 0) cursor = cursor.sort(opts.order);
    const docs = cursor.skip(offset).limit(limit).all() as Doc[];
    return { docs, offset, limit };
  }

  count(coll: string, filter: JsonObject): number {
    this.store.requireCollection(coll);
    return this.match(coll, filter).length;
  }

  /** Batch insert is all-or-nothing (one SQLite transaction). */
  insert(coll: string, docs: Doc[]): string[] {
    const prepared = docs.map((d) => {
      const id = d._id === undefined ? newDocId() : d._id;
      if (typeof id !== 'string' || id === '') throw invalidParam('_id must be a non-empty string');
      return { id, doc: d };
    });
    this.store.createCollection(coll);
    return this.store.atomic(() => prepared.map(({ id, doc }) => (this.store.insert(coll, id, doc), id)));
  }

  modifyById(coll: string, id: string, data: JsonObject, merge: boolean, upsert: boolean): { updated: number; upsertId?: string } {
    if (!upsert) this.store.requireCollection(coll);
    return this.store.atomic(() => {
      const current = this.store.getById(coll, id);
      if (!current) {
        if (!upsert) return { updated: 0 };
        this.store.createCollection(coll);
        const { doc } = applyModification(id, undefined, data, merge);
        this.store.insert(coll, id, doc);
        return { updated: 0, upsertId: id };
      }
      const { doc, changed } = applyModification(id, current.doc, data, merge);
      if (changed) this.store.replace(coll, id, doc);
      return { updated: changed ? 1 : 0 };
    });
  }

  modifyWhere(coll: string, filter: JsonObject, data: JsonObject, merge: boolean, multi: boolean, upsert: boolean): { updated: number; upsertId?: string } {
    if (upsert) throw unsupported('upsert with a where() query is not supported by the emulator');
    this.store.requireCollection(coll);
    return this.store.atomic(() => {
      let targets = this.match(coll, filter);
      if (!multi) targets = targets.slice(0, 1);
      let updated = 0;
      for (const t of targets) {
        const { doc, changed } = applyModification(t.id, t.doc, data, merge);
        if (changed) {
          this.store.replace(coll, t.id, doc);
          updated++;
        }
      }
      return { updated };
    });
  }

  /** updateAndReturn(): first match, updated, returned as it is after the update. */
  modifyAndReturn(coll: string, filter: JsonObject, data: JsonObject): { updated: number; doc: Doc | null } {
    this.store.requireCollection(coll);
    return this.store.atomic(() => {
      const [first] = this.match(coll, filter);
      if (!first) return { updated: 0, doc: null };
      const { doc, changed } = applyModification(first.id, first.doc, data, true);
      if (changed) this.store.replace(coll, first.id, doc);
      return { updated: changed ? 1 : 0, doc };
    });
  }

  removeWhere(coll: string, filter: JsonObject, multi: boolean): number {
    this.store.requireCollection(coll);
    return this.store.atomic(() => {
      let targets = this.match(coll, filter);
      if (!multi) targets = targets.slice(0, 1);
      let deleted = 0;
      for (const t of targets) if (this.store.delete(coll, t.id)) deleted++;
      return deleted;
    });
  }

  aggregate(coll: string, pipeline: JsonObject[]): Doc[] {
    this.store.requireCollection(coll);
    for (const stage of pipeline) {
      const [name] = Object.keys(stage);
      if (name === '$out' || name === '$merge' || name === '$geoNear') {
        throw unsupported(`aggregation stage ${name} is not supported by the emulator`);
      }
    }
    // A leading $match narrows the source through the indexes; mingo still runs it.
    const first = pipeline[0];
    const source =
      first && isPlainObject(first.$match) ? this.store.candidates(coll, first.$match).map((s) => s.doc) : this.allDocs(coll);
    const agg = new Aggregator(pipeline, {
      collectionResolver: (name: string) => this.allDocs(name),
    });
    return agg.run(source) as Doc[];
  }

  private allDocs(coll: string): Doc[] {
    return this.store.candidates(coll, {}).map((s) => s.doc);
  }
}

export function duplicateId(coll: string, id: string): DbError {
  return new DbError(
    ErrorCodes.DATABASE_DUPLICATE_WRITE,
    `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  );
}
