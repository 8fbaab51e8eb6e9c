// Which queries no declared index serves. The cloud runs such a query as a collection scan:
// fine on a test collection, throttled or timed out at production size (CloudBase's slow-query
// reports and "请为查询条件建立索引" advice). The emulator tells the developer now:
//  - 'warn' (default): each such filter is logged once per collection and shape, and recorded;
//  - 'error': the request is refused with DATABASE_REQUEST_FAILED naming the collection and the
//    fields, so a test that runs function code fails (test support turns this on);
//  - 'off': nothing.
// A filter is served when a top-level (or $and-ed) condition that an index can answer —
// equality, $in, a range, or a geo operator on a 2dsphere path — names `_id` or the first field
// of a declared index (MongoDB uses a compound index only through its prefix), or when it is an
// $or whose every branch is served. An empty filter (read everything, page by page) is allowed.

import { DbError, ErrorCodes } from './errors';
import { isPlainObject, type JsonObject } from './protocol';
import type { Store } from './store';

export type UnindexedMode = 'off' | 'warn' | 'error';

export interface UnindexedQuery {
  collection: string;
  what: string;
  /** field paths of the filter, sorted: the shape an index would need */
  fields: string[];
}

const INDEXABLE = new Set(['$eq', '$in', '$gt', '$gte', '$lt', '$lte', '$nearSphere', '$near', '$geoWithin', '$geoIntersects', '$all']);

function usesIndexableOperator(cond: unknown): boolean {
  if (!isPlainObject(cond)) return true; // plain equality (also regexps, dates, null)
  const keys = Object.keys(cond);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return true; // equality with a sub-document
  return keys.some((k) => INDEXABLE.has(k));
}

function served(filter: JsonObject, prefixes: ReadonlySet<string>): boolean {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(cond) && cond.some((c) => isPlainObject(c) && served(c, prefixes))) return true;
    if (key === '$or' && Array.isArray(cond) && cond.length > 0 && cond.every((c) => isPlainObject(c) && served(c, prefixes))) return true;
    if (!key.startsWith('$') && prefixes.has(key) && usesIndexableOperator(cond)) return true;
  }
  return false;
}

function fieldsOf(filter: JsonObject, out = new Set<string>()): Set<string> {
  for (const [key, cond] of Object.entries(filter)) {
    if (key.startsWith('$')) {
      if (Array.isArray(cond)) for (const c of cond) if (isPlainObject(c)) fieldsOf(c, out);
    } else out.add(key);
  }
  return out;
}

export class IndexUse {
  private readonly seen = new Set<string>();
  readonly unindexed: UnindexedQuery[] = [];

  constructor(
    private readonly store: Store,
    private readonly mode: UnindexedMode,
    private readonly log?: (line: string) => void,
  ) {}

  private prefixes(coll: string): Set<string> {
    const out = new Set<string>(['_id']);
    for (const spec of this.store.indexesOf(coll)) out.add(spec.fields[0][0]);
    return out;
  }

  check(coll: string, filter: JsonObject, what: string): void {
    if (this.mode === 'off' || Object.keys(filter).length === 0 || served(filter, this.prefixes(coll))) return;
    const fields = [...fieldsOf(filter)].sort();
    const text = `${what} on '${coll}' filters on [${fields.join(', ')}], which no index in indexes.json starts with`;
    if (this.mode === 'error') {
      throw new DbError(ErrorCodes.DATABASE_REQUEST_FAILED, `[emulator strict indexes] ${text}: declare an index, or the cloud scans the collection`);
    }
    const key = `${coll}|${what}|${fields.join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.unindexed.push({ collection: coll, what, fields });
    this.log?.(`[db] unindexed query: ${text} (the cloud scans the whole collection)`);
  }
}
