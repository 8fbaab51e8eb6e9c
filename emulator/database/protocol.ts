// Wire protocol of the CloudBase database HTTP API as @cloudbase/node-sdk v3
// speaks it (shapes read from @cloudbase/database/dist/commonjs: query.js,
// document.js, collection.js, aggregate.js, transaction/index.js).
//
// Requests: POST JSON `{ action, collectionName?, query?, data?, order?, ... }`.
// `query`, `order`, `projection`, `data` (and each aggregate stageValue) are
// MongoDB Extended JSON *strings* written by the SDK's bson 4 in canonical mode
// ({"$numberInt":"5"}, {"$date":{"$numberLong":".."}}, {"$regularExpression":..}).
// Answers: `{ requestId, ...payload }`; errors `{ requestId, code, message }`.
// Documents inside answers are EJSON strings again; we write relaxed EJSON
// (numbers stay JSON numbers, dates {"$date":..}) which bson 4 parses back to
// JS numbers and Date objects.

import { EJSON } from 'bson';
import { isDocId, type DocId } from './codec';
import { invalidParam, unsupported } from './errors';

export type JsonObject = Record<string, unknown>;

export function isPlainObject(v: unknown): v is JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

interface BsonValue {
  _bsontype: string;
}
function isBsonValue(v: unknown): v is BsonValue {
  return typeof v === 'object' && v !== null && typeof (v as { _bsontype?: unknown })._bsontype === 'string';
}

/** Regex flags both MongoDB and JavaScript understand the same way. */
const JS_REGEX_FLAGS = new Set(['i', 'm', 's', 'u']);

function bsonRegexToRegExp(pattern: string, options: string): RegExp {
  for (const flag of options) {
    if (!JS_REGEX_FLAGS.has(flag)) throw unsupported(`regular expression option '${flag}' is not supported by the emulator`);
  }
  return new RegExp(pattern, options);
}

/**
 * Turns the bson-parsed tree into plain JS values mingo understands:
 * BSONRegExp → RegExp, Long → number, db.serverDate() → Date; ObjectId stays an ObjectId.
 * Any other BSON type (Decimal128, Binary, ...) is refused loudly.
 */
function normalize(v: unknown, now: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date || v instanceof RegExp) return v;
  if (Array.isArray(v)) return v.map((x) => normalize(x, now));
  if (isBsonValue(v)) {
    const b = v as BsonValue & { pattern?: string; options?: string; toNumber?: () => number; valueOf?: () => unknown };
    switch (b._bsontype) {
      case 'BSONRegExp':
        return bsonRegexToRegExp(String(b.pattern), String(b.options ?? ''));
      case 'Long':
      case 'Int32':
      case 'Double':
        return typeof b.toNumber === 'function' ? b.toNumber() : Number(b.valueOf?.());
      case 'ObjectId':
        return v; // db.ObjectId / bson ObjectId: stored and compared by its hex string (codec.ts)
      default:
        throw unsupported(`BSON type ${b._bsontype} is not supported by the emulator`);
    }
  }
  const obj = v as JsonObject;
  const keys = Object.keys(obj);
  // db.serverDate({ offset }) serializes as { $tcb_server_date: { offset } };
  // the real server substitutes its own clock.
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = obj.$tcb_server_date;
    const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now + offset);
  }
  const out: JsonObject = {};
  for (const k of keys) out[k] = normalize(obj[k], now);
  return out;
}

/** Parses one EJSON string from the SDK into plain JS values. */
export function parseWire(text: string, what: string, now = Date.now()): unknown {
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw invalidParam(`${what} is not valid Extended JSON: ${(e as Error).message}`);
  }
  return normalize(parsed, now);
}

export function parseWireObject(text: string, what: string, now?: number): JsonObject {
  const v = parseWire(text, what, now);
  if (!isPlainObject(v)) throw invalidParam(`${what} must be a JSON object`);
  return v;
}

/** Serializes a document for an answer (see header comment). */
export function toWire(value: unknown): string {
  return EJSON.stringify(value as Parameters<typeof EJSON.stringify>[0], { relaxed: true });
}

// ---- request field readers (the SDK sends loosely typed JSON) --------------

export type RequestBody = JsonObject;

export function optString(body: RequestBody, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw invalidParam(`${key} must be a string`);
  return v;
}

export function reqString(body: RequestBody, key: string): string {
  const v = optString(body, key);
  if (v === undefined) throw invalidParam(`${key} is required`);
  return v;
}

export function optNumber(body: RequestBody, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidParam(`${key} must be an integer`);
  return v;
}

export function optBoolean(body: RequestBody, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidParam(`${key} must be a boolean`);
  return v;
}

/** `_id` of a doc() reference or a new document: a non-empty string, a number or an ObjectId. */
export function docIdFrom(value: unknown, what: string): DocId {
  if (isDocId(value)) return value;
  throw invalidParam(`${what} must be a non-empty string, a number or an ObjectId`);
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,128}$/;
export function collectionName(body: RequestBody): string {
  const name = reqString(body, 'collectionName');
  if (!COLLECTION_NAME.test(name)) throw invalidParam(`invalid collection name '${name}'`);
  return name;
}
