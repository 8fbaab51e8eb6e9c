// Storage codec: how a document is written to the SQLite `doc` TEXT column.
//
// Plain JSON cannot carry Dates, so a Date is stored as {"$date": <epoch millis>}
// (a JSON number, not an ISO string). Why millis: the index expressions in
// query-plan.ts read `COALESCE(json_extract(doc,'$.f."$date"'), json_extract(doc,'$.f'))`,
// so a date field indexes as a number and range lookups on dates use the index.
// RegExp values and non-finite numbers use the MongoDB Extended JSON forms.

import { ObjectId } from 'bson';

export type Doc = Record<string, unknown>;

/** A document `_id`: CloudBase stores strings (its own ids), numbers and ObjectIds. */
export type DocId = string | number | ObjectId;

export function isObjectId(v: unknown): v is ObjectId {
  return typeof v === 'object' && v !== null && (v as { _bsontype?: unknown })._bsontype === 'ObjectId';
}

export function isDocId(v: unknown): v is DocId {
  return (typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v)) || isObjectId(v);
}

/**
 * The `_id` column value. Strings are themselves (so existing files and `_id` range push-down
 * keep working); numbers and ObjectIds get a NUL-prefixed tag that no string id can collide
 * with, since MongoDB keeps `5`, `"5"` and an ObjectId apart.
 */
export function docKey(id: DocId): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number') return `\u0000n:${id}`;
  return `\u0000o:${id.toHexString()}`;
}

/** Keys below this sort before every tagged id: the test for "only string ids here". */
export const FIRST_STRING_KEY = '\u0001';

// Realm-independent checks: structuredClone (a host global) returns Dates and RegExps of the
// outer realm, which fail `instanceof` inside a vm context such as a jest test environment.
function isDate(raw: unknown): raw is Date {
  return Object.prototype.toString.call(raw) === '[object Date]';
}

function isRegExp(raw: unknown): raw is RegExp {
  return Object.prototype.toString.call(raw) === '[object RegExp]';
}

function encodeValue(raw: unknown): unknown {
  if (isDate(raw)) return { $date: raw.getTime() };
  if (isRegExp(raw)) return { $regularExpression: { pattern: raw.source, options: raw.flags } };
  if (typeof raw === 'number' && !Number.isFinite(raw)) return { $numberDouble: String(raw) };
  if (isObjectId(raw)) return { $oid: raw.toHexString() };
  return undefined;
}

/**
 * True when JSON.stringify alone writes the value as encodeDoc would: only strings, finite
 * numbers, booleans, null and undefined, in arrays and plain objects. Anything else (a Date,
 * an ObjectId, a RegExp, an object from another realm, an object with toJSON) takes the
 * replacer path. Checking first is much cheaper than a replacer call per value, and most
 * documents have nothing special.
 */
function plainJson(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || v === null) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (!plainJson(x)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  if ('toJSON' in v) return false;
  for (const k in v) if (!plainJson((v as Record<string, unknown>)[k])) return false;
  return true;
}

export function encodeDoc(doc: Doc): string {
  if (plainJson(doc)) return JSON.stringify(doc);
  // The replacer must look at this[key]: JSON.stringify calls Date#toJSON
  // before the replacer sees `value`.
  return JSON.stringify(doc, function replacer(this: Record<string, unknown>, key: string, value: unknown) {
    const special = encodeValue(this[key]);
    return special === undefined ? value : special;
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function decodeDoc(text: string): Doc {
  // Every special form is a key starting with "$"; without one, no reviver call per value.
  const parsed: unknown = text.includes('"$') ? JSON.parse(text, revive) : JSON.parse(text);
  if (!isRecord(parsed)) throw new Error('stored document is not an object');
  return parsed;
}

function revive(_key: string, value: unknown): unknown {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) return value;
  const v = value[keys[0]];
  switch (keys[0]) {
    case '$date':
      return typeof v === 'number' ? new Date(v) : value;
    case '$oid':
      return typeof v === 'string' ? new ObjectId(v) : value;
    case '$numberDouble':
      return typeof v === 'string' ? Number(v) : value;
    case '$regularExpression':
      return isRecord(v) && typeof v.pattern === 'string' && typeof v.options === 'string'
        ? new RegExp(v.pattern, v.options)
        : value;
    default:
      return value;
  }
}

/** Deep copy that keeps Dates, RegExps and ObjectIds. */
export function cloneDoc<T>(doc: T): T {
  return cloneValue(doc) as T;
}

function cloneValue(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (isObjectId(v)) return v; // immutable
  if (Array.isArray(v)) return v.map(cloneValue);
  if (isDate(v) || isRegExp(v)) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = cloneValue(x);
  return out;
}
