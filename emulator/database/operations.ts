// Non-transactional database operations: SQLite candidates (store.ts) +
// MongoDB semantics from mingo (filter, sort, projection, update, aggregation).

import { randomBytes } from 'crypto';
import { isDocId, type Doc, type DocId } from './codec';
import { DbError, ErrorCodes, invalidParam, mongoFailure, unsupported } from './errors';
import { findNear, mentionsNear, nearDistance, noGeoIndex } from './geo';
import { runGeoNearStage } from './geo-near-stage';
import { Aggregator, Query } from './mingo-context';
import { isPlainObject, type JsonObject } from './protocol';
import type { Store, StoredDoc } from './store';
import type { IndexUse } from './index-use';
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

/** The server's page size: 100 by default, at most 1000 (CloudBase docs, Collection.limit / get). */
export function effectiveLimit(limit: number | undefined): number {
  if (limit === undefined || limit === 0) return DEFAULT_LIMIT;
  if (limit < 0) throw invalidParam('limit must not be negative');
  return Math.min(limit, MAX_LIMIT);
}

/** A new document's `_id`: the given one (string, number or ObjectId) or a generated one. */
export function idForInsert(doc: Doc): DocId {
  if (doc._id === undefined) return newDocId();
  if (!isDocId(doc._id)) throw invalidParam('_id must be a non-empty string, a number or an ObjectId');
  return doc._id;
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

/**
 * A near query ($nearSphere / db.command.geoNear) orders its matches nearest first and needs a
 * 2dsphere index, as in MongoDB ("unable to find index for $geoNear query"); anywhere but the
 * top level (inside $or / $not / $elemMatch) MongoDB refuses it too.
 */
function nearOrder(store: Store, coll: string, filter: JsonObject): ((docs: Doc[]) => Doc[]) | undefined {
  const near = findNear(filter);
  if (!near) {
    if (mentionsNear(filter)) throw mongoFailure('BadValue', 'geoNear must be top-level expr');
    return undefined;
  }
  if (!store.geoIndexedPaths(coll).includes(near.path)) throw noGeoIndex('$geoNear');
  const byDistance = (d: Doc): number => nearDistance(d, near.path, near.spec.point) ?? Infinity;
  return (docs) => docs.map((d) => [byDistance(d), d] as const).sort((a, b) => a[0] - b[0]).map(([, d]) => d);
}

/**
 * find() over documents already in memory (natural order): filter, near order, sort, skip,
 * limit, projection — shared by plain reads and reads inside a transaction.
 */
export function findIn(store: Store, coll: string, docs: Doc[], filter: JsonObject, opts: FindOptions): Doc[] {
  const q = compileFilter(filter);
  const near = nearOrder(store, coll, filter);
  let matched = docs.filter((d) => q.test(d));
  if (near) matched = near(matched);
  let cursor = new Query({}).find(matched, opts.projection);
  if (opts.order && Object.keys(opts.order).length > 0) cursor = cursor.sort(opts.order);
  return cursor
    .skip(opts.offset ?? 0)
    .limit(effectiveLimit(opts.limit))
    .all() as Doc[];
}

/** The first `n` documents, in the given order, that match the query. */
function firstMatches(stored: Iterable<StoredDoc>, q: Query, n: number): Doc[] {
  const matched: Doc[] = [];
  if (n <= 0) return matched;
  for (const s of stored) {
    if (!q.test(s.doc)) continue;
    matched.push(s.doc);
    // Stop before pulling another candidate: a stream would fetch its next chunk.
    if (matched.length >= n) break;
  }
  return matched;
}

export class Operations {
  constructor(
    readonly store: Store,
    /** Records (or refuses, in strict mode) filters no declared index serves. */
    private readonly indexUse?: IndexUse,
  ) {}

  private checkIndexed(coll: string, filter: JsonObject, what: string): void {
    this.indexUse?.check(coll, filter, what);
  }

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
    this.checkIndexed(coll, filter, 'get()');
    if (findNear(filter) || mentionsNear(filter)) {
      const docs = findIn(this.store, coll, this.store.candidates(coll, filter).map((s) => s.doc), filter, { ...opts, limit });
      return { docs, offset, limit };
    }
    const q = compileFilter(filter);
    const orderKeys = opts.order ? Object.keys(opts.order) : [];
    const direction = orderKeys.length === 1 && orderKeys[0] === '_id' ? (opts.order?._id === -1 ? -1 : 1) : null;
    const stream = direction === null ? null : this.store.streamById(coll, filter, direction);
    if (stream) {
      // Already in the requested order: match until offset + limit documents, then stop.
      const page = firstMatches(stream, q, offset + limit).slice(offset);
      const docs = opts.projection ? (q.find(page, opts.projection).all() as Doc[]) : page;
      return { docs, offset, limit };
    }
    const candidates = this.store.candidates(coll, filter);
    if (orderKeys.length === 0 && !opts.projection) {
      // Natural order, whole documents: what mingo's cursor would return, without building one,
      // and stopping at offset + limit matches.
      return { docs: firstMatches(candidates, q, offset + limit).slice(offset), offset, limit };
    }
    let cursor = q.find(candidates.map((s) => s.doc), opts.projection);
    if (opts.order && Object.keys(opts.order).length > 0) cursor = cursor.sort(opts.order);
    const docs = cursor.skip(offset).limit(limit).all() as Doc[];
    return { docs, offset, limit };
  }

  count(coll: string, filter: JsonObject): number {
    this.store.requireCollection(coll);
    this.checkIndexed(coll, filter, 'count()');
    return this.match(coll, filter).length;
  }

  /** Batch insert is all-or-nothing (one SQLite transaction). */
  insert(coll: string, docs: Doc[]): DocId[] {
    const prepared = docs.map((d) => ({ id: idForInsert(d), doc: d }));
    this.store.createCollection(coll);
    return this.store.atomic(() => prepared.map(({ id, doc }) => (this.store.insert(coll, id, doc), id)));
  }

  modifyById(coll: string, id: DocId, data: JsonObject, merge: boolean, upsert: boolean): { updated: number; upsertId?: DocId } {
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
      const { doc, changed, updated } = applyModification(id, current.doc, data, merge);
      if (changed) this.store.replace(coll, id, doc);
      return { updated };
    });
  }

  modifyWhere(coll: string, filter: JsonObject, data: JsonObject, merge: boolean, multi: boolean, upsert: boolean): { updated: number; upsertId?: DocId } {
    if (upsert) throw unsupported('upsert with a where() query is not supported by the emulator');
    this.store.requireCollection(coll);
    this.checkIndexed(coll, filter, 'update()');
    return this.store.atomic(() => {
      let targets = this.match(coll, filter);
      if (!multi) targets = targets.slice(0, 1);
      let updated = 0;
      for (const t of targets) {
        const { doc, changed } = applyModification(t.id, t.doc, data, merge, filter);
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
    this.checkIndexed(coll, filter, 'updateAndReturn()');
    return this.store.atomic(() => {
      const [first] = this.match(coll, filter);
      if (!first) return { updated: 0, doc: null };
      const { doc, changed } = applyModification(first.id, first.doc, data, true, filter);
      if (changed) this.store.replace(coll, first.id, doc);
      return { updated: changed ? 1 : 0, doc };
    });
  }

  removeWhere(coll: string, filter: JsonObject, multi: boolean): number {
    this.store.requireCollection(coll);
    this.checkIndexed(coll, filter, 'remove()');
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
    pipeline.forEach((stage, i) => {
      const [name] = Object.keys(stage);
      if (name === '$out' || name === '$merge') {
        throw unsupported(`aggregation stage ${name} is not supported by the emulator (it writes to a collection)`);
      }
      if (name === '$geoNear' && i > 0) throw mongoFailure('Location40602', '$geoNear is only valid as the first stage in a pipeline');
      if (name === '$match' && isPlainObject(stage.$match) && mentionsNear(stage.$match)) {
        throw mongoFailure('Location5626500', '$geoNear, $near, and $nearSphere are not allowed in this context');
      }
    });
    const first = pipeline[0];
    let source: Doc[];
    let rest = pipeline;
    if (first && isPlainObject(first.$geoNear)) {
      source = runGeoNearStage(this.store, coll, this.allDocs(coll), first.$geoNear);
      rest = pipeline.slice(1);
    } else if (first && isPlainObject(first.$match)) {
      // A leading $match narrows the source through the indexes; mingo still runs it.
      this.checkIndexed(coll, first.$match, 'aggregate $match');
      source = this.store.candidates(coll, first.$match).map((s) => s.doc);
    } else source = this.allDocs(coll);
    const agg = new Aggregator(rest, {
      collectionResolver: (name: string) => this.allDocs(name),
    });
    return agg.run(source) as Doc[];
  }

  private allDocs(coll: string): Doc[] {
    return this.store.candidates(coll, {}).map((s) => s.doc);
  }
}

export function duplicateId(coll: string, id: DocId): DbError {
  return new DbError(
    ErrorCodes.DATABASE_DUPLICATE_WRITE,
    `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  );
}
