// Index push-down: turns the pushable part of a Mongo filter into a SQL WHERE
// over the same expressions the declared indexes are built on, so SQLite can
// use an index to find *candidates*. The full filter is always re-applied with
// mingo afterwards, so the SQL only has to return a superset of the matches.
// That is why only these are pushed down:
//  - top-level (implicitly or $and-ed) conditions on `_id` or an indexed path;
//  - $eq / plain equality, $in, $gt, $gte, $lt, $lte;
//  - operands that are strings, finite numbers, booleans (equality only) or Dates.
// Where SQL and Mongo comparison could disagree we do not push down:
//  - null (Mongo's {f:null} also matches missing fields);
//  - arrays anywhere on the path (Mongo matches array elements): the store
//    marks such an index "multikey" and stops using it (see store.ts);
//  - string ranges whose operand has a code unit ≥ U+D800 (UTF-8 byte order
//    used by SQLite and UTF-16 order used by JS differ only there).
// Mixed types are harmless: SQLite orders NULL < numbers < text, so e.g.
// `expr > 5` also returns text values, which mingo then drops (superset).

import { isPlainObject, type JsonObject } from './protocol';

export type SqlParam = string | number;
export interface SqlFilter {
  /** SQL boolean expression, or '' when nothing could be pushed down. */
  where: string;
  params: SqlParam[];
}

function quoteSegment(seg: string): string {
  return `"${seg.replace(/"/g, '""')}"`;
}

/** JSON path for json_extract, each segment quoted ($."a"."b"). */
export function jsonPath(path: string): string {
  return '$.' + path.split('.').map(quoteSegment).join('.');
}

/**
 * SQL expression for a document field, shared by CREATE INDEX and queries
 * (SQLite only uses an expression index when the text matches exactly).
 * Dates are stored as {"$date": millis}, so they index as their millis.
 */
export function fieldExpr(path: string): string {
  const p = jsonPath(path);
  return `COALESCE(json_extract(doc, '${p}."$date"'), json_extract(doc, '${p}'))`;
}

const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

function toParam(v: unknown, forRange: boolean): SqlParam | undefined {
  if (typeof v === 'string') {
    if (forRange && /[\uD800-\uFFFF]/.test(v)) return undefined;
    return v;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean') return forRange ? undefined : v ? 1 : 0;
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

function isOperatorObject(v: unknown): v is JsonObject {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

function conditionsFor(expr: string, cond: unknown, out: SqlFilter): void {
  if (!isOperatorObject(cond)) {
    const p = toParam(cond, false);
    if (p !== undefined) {
      out.where += `${out.where ? ' AND ' : ''}${expr} = ?`;
      out.params.push(p);
    }
    return;
  }
  for (const [op, operand] of Object.entries(cond)) {
    let sql: string | undefined;
    const params: SqlParam[] = [];
    if (op === '$eq') {
      const p = toParam(operand, false);
      if (p !== undefined) {
        sql = `${expr} = ?`;
        params.push(p);
      }
    } else if (op in RANGE_SQL) {
      const p = toParam(operand, true);
      if (p !== undefined) {
        sql = `${expr} ${RANGE_SQL[op]} ?`;
        params.push(p);
      }
    } else if (op === '$in' && Array.isArray(operand) && operand.length > 0) {
      const ps = operand.map((x) => toParam(x, false));
      if (ps.every((x): x is SqlParam => x !== undefined)) {
        sql = `${expr} IN (${ps.map(() => '?').join(', ')})`;
        params.push(...ps);
      }
    }
    if (sql) {
      out.where += `${out.where ? ' AND ' : ''}${sql}`;
      out.params.push(...params);
    }
  }
}

function collectConjuncts(filter: JsonObject, acc: Array<[string, unknown]>): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) if (isPlainObject(sub)) collectConjuncts(sub, acc);
    } else if (!key.startsWith('$')) {
      acc.push([key, value]);
    }
  }
}

/**
 * @param indexedPaths paths covered by a usable (non-multikey) index of the
 *        collection; conditions on other paths stay with mingo only.
 */
export function planFilter(filter: JsonObject, indexedPaths: ReadonlySet<string>): SqlFilter {
  const out: SqlFilter = { where: '', params: [] };
  const conjuncts: Array<[string, unknown]> = [];
  collectConjuncts(filter, conjuncts);
  for (const [path, cond] of conjuncts) {
    if (path === '_id') {
      // _id is the TEXT primary key; only string operands compare like Mongo.
      const onlyStrings = (v: unknown): boolean =>
        typeof v === 'string' ||
        (isOperatorObject(v) && Object.values(v).every((x) => typeof x === 'string' || (Array.isArray(x) && x.every((y) => typeof y === 'string'))));
      if (onlyStrings(cond)) conditionsFor('_id', cond, out);
    } else if (indexedPaths.has(path)) {
      conditionsFor(fieldExpr(path), cond, out);
    }
  }
  return out;
}

/** Every prefix of the path is a non-array: safe to index as a scalar. */
export function pathTouchesArray(doc: JsonObject, path: string): boolean {
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (Array.isArray(cur)) return true;
    if (!isPlainObject(cur)) return false;
    cur = cur[seg];
  }
  return Array.isArray(cur);
}
