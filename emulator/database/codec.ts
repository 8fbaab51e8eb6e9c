// Storage codec: how a document is written to the SQLite `doc` TEXT column.
//
// Plain JSON cannot carry Dates, so a Date is stored as {"$date": <epoch millis>}
// (a JSON number, not an ISO string). Why millis: the index expressions in
// query-plan.ts read `COALESCE(json_extract(doc,'$.f."$date"'), json_extract(doc,'$.f'))`,
// so a date field indexes as a number and range lookups on dates use the index.
// RegExp values and non-finite numbers use the MongoDB Extended JSON forms.

export type Doc = Record<string, unknown>;

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
  return undefined;
}

export function encodeDoc(doc: Doc): string {
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
  const parsed: unknown = JSON.parse(text, (_key, value: unknown) => {
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    if (keys.length !== 1) return value;
    const v = value[keys[0]];
    switch (keys[0]) {
      case '$date':
        return typeof v === 'number' ? new Date(v) : value;
      case '$numberDouble':
        return typeof v === 'string' ? Number(v) : value;
      case '$regularExpression':
        return isRecord(v) && typeof v.pattern === 'string' && typeof v.options === 'string'
          ? new RegExp(v.pattern, v.options)
          : value;
      default:
        return value;
    }
  });
  if (!isRecord(parsed)) throw new Error('stored document is not an object');
  return parsed;
}

/** Deep copy that keeps Dates and RegExps (structuredClone does; JSON would not). */
export function cloneDoc<T>(doc: T): T {
  return structuredClone(doc);
}
