// The mingo operators the emulator replaces or adds, passed as a Context to every Query,
// Aggregator and update, so MongoDB semantics win where mingo 7.2.7 differs:
//
//  - $elemMatch with field conditions ({ value: { $gt: 0 } }) must only look at elements that
//    are documents. mingo resolves a field path on a scalar to the scalar itself
//    (util resolve(): `if (isScalar(obj)) return obj`), so `tags: [1, 2, 3]` matched
//    `{ $elemMatch: { value: { $gt: 0 } } }` and `{ value: { $exists: true } }` matched every
//    array of values. MongoDB manual, $elemMatch: "matches documents that contain an array
//    field with at least one element that matches all the specified query criteria"; a number
//    has no field `value`.
//  - $week is %U (weeks start on Sunday; days before the first Sunday are week 0). mingo derives
//    it from the ISO week, which is off by one for most dates (2019-05-14 gave 20, MongoDB 19).
//  - $substr / $substrBytes / $substrCP: a negative count means "to the end of the string"
//    (MongoDB manual, $substrBytes: "If <byte count> is negative, $substrBytes returns a
//    substring that starts at the byte index and includes the rest of the string").
//  - $indexOfCP is missing from mingo; its $indexOfBytes counts UTF-16 units, not bytes.
//  - geo query operators ($nearSphere, $geoWithin, $geoIntersects): see geo.ts.

import { geoQueryOperators } from './geo';
import {
  $substrBytes as mingoSubstrBytes,
  $substrCP as mingoSubstrCP,
  BaseAggregator,
  BaseQuery,
  baseUpdate,
  Context,
  DEFAULT_OPERATORS,
  evalExpr,
  resolve,
  type ExpressionOperator,
  type MingoOptions as Options,
} from './mingo-internals';

type Predicate = (obj: unknown) => boolean;

function isDocument(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && !(v instanceof RegExp);
}

const LOGICAL = new Set(['$and', '$or', '$nor']);

/** True when the criteria test the element itself ({ $gt: 1 }) rather than its fields. */
function testsElementItself(criteria: Record<string, unknown>): boolean {
  const keys = Object.keys(criteria);
  return keys.length > 0 && keys.every((k) => k.startsWith('$') && !LOGICAL.has(k));
}

function $elemMatch(selector: string, criteria: Record<string, unknown>, options: Options): Predicate {
  const itself = testsElementItself(criteria);
  const q = new BaseQuery(itself ? { field: criteria } : criteria, options as never);
  const matches = itself ? (v: unknown) => q.test({ field: v }) : (v: unknown) => isDocument(v) && q.test(v as Record<string, unknown>);
  return (obj) => {
    const value = resolve(obj as object, selector, { unwrapArray: true });
    return Array.isArray(value) && value.some(matches);
  };
}

const MS_PER_DAY = 86_400_000;

/** The date an expression names, with its optional timezone applied (as mingo's own date operators do). */
function dateOf(obj: unknown, expr: unknown, options: Options): Date {
  const v = evalExpr(obj, expr, options) as unknown;
  if (v instanceof Date) return v;
  const spec = v as { date?: unknown; timezone?: unknown };
  if (spec.timezone === undefined) return new Date(spec.date as Date);
  // Local wall-clock time in that zone, read back as UTC fields (mingo's $dateToParts does the zone maths).
  const parts = evalExpr(obj, { $dateToParts: { date: spec.date, timezone: spec.timezone } }, options) as {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond: number;
  };
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.millisecond));
}

function $week(obj: unknown, expr: unknown, options: Options): number | null {
  const d = dateOf(obj, expr, options);
  if (Number.isNaN(d.getTime())) return null;
  const dayOfYear0 = Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / MS_PER_DAY);
  return Math.floor((dayOfYear0 + 7 - d.getUTCDay()) / 7);
}

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

function substrWithRest(original: ExpressionOperator, length: (s: string) => number): ExpressionOperator {
  return (obj: unknown, expr: unknown, options: Options): unknown => {
    if (!Array.isArray(expr) || expr.length !== 3) return original(obj, expr, options);
    const [s, index, count] = evalExpr(obj, expr, options) as [unknown, unknown, unknown];
    let n = count;
    if (typeof count === 'number' && count < 0 && typeof s === 'string' && typeof index === 'number') {
      n = Math.max(0, length(s) - index);
    }
    if (typeof s === 'string' && typeof index === 'number' && index >= length(s)) return '';
    return original(obj, [{ $literal: s }, { $literal: index }, { $literal: n }], options);
  };
}

/**
 * The shared part of $indexOfCP / $indexOfBytes: evaluates [string, substring, start?, end?],
 * null for a null string, then searches with `find` over the string's units (code points / bytes).
 */
function indexOfIn(op: string, find: (s: string, sub: string, from: number, to: number | undefined) => number) {
  return (obj: unknown, expr: unknown, options: Options): number | null => {
    const args = evalExpr(obj, expr, options) as unknown[];
    if (!Array.isArray(args) || args.length < 2 || args.length > 4) throw new Error(`${op} expects 2 to 4 arguments`);
    const [s, sub, start, end] = args;
    if (s === null || s === undefined) return null;
    if (typeof s !== 'string' || typeof sub !== 'string') throw new Error(`${op} requires string arguments`);
    return find(s, sub, typeof start === 'number' ? start : 0, typeof end === 'number' ? end : undefined);
  };
}

/** MongoDB $indexOfCP: code-point index of the first occurrence, -1 when absent. */
const $indexOfCP = indexOfIn('$indexOfCP', (s, sub, from, end) => {
  const cps = Array.from(s);
  const needle = Array.from(sub);
  const to = Math.min(end ?? cps.length, cps.length);
  for (let i = from; i + needle.length <= to; i++) {
    if (needle.every((c, j) => cps[i + j] === c)) return i;
  }
  return -1;
});

/** MongoDB $indexOfBytes: UTF-8 byte index (mingo answers the UTF-16 index). */
const $indexOfBytes = indexOfIn('$indexOfBytes', (s, sub, from, end) => {
  const bytes = Buffer.from(s, 'utf8');
  return bytes.subarray(0, Math.min(end ?? bytes.length, bytes.length)).indexOf(Buffer.from(sub, 'utf8'), from);
});

const OVERRIDES = {
  query: { $elemMatch, ...geoQueryOperators },
  expression: {
    $week,
    $indexOfCP,
    $indexOfBytes,
    $substr: substrWithRest(mingoSubstrBytes, utf8Length),
    $substrBytes: substrWithRest(mingoSubstrBytes, utf8Length),
    $substrCP: substrWithRest(mingoSubstrCP, (s) => Array.from(s).length),
  },
};

export const EMULATOR_CONTEXT = Context.init(
  Object.fromEntries(
    Object.entries(DEFAULT_OPERATORS).map(([kind, ops]) => [kind, { ...ops, ...(OVERRIDES[kind as keyof typeof OVERRIDES] ?? {}) }]),
  ),
);

/** Options every mingo call of the emulator uses. */
export const MINGO_OPTIONS = { context: EMULATOR_CONTEXT } as const;

type QueryArgs = ConstructorParameters<typeof BaseQuery>;
type AggregatorOptions = NonNullable<ConstructorParameters<typeof BaseAggregator>[1]>;

/** mingo's Query with the emulator's operators. */
export class Query extends BaseQuery {
  constructor(condition: QueryArgs[0]) {
    super(condition, MINGO_OPTIONS as never);
  }
}

/** mingo's Aggregator with the emulator's operators. */
export class Aggregator extends BaseAggregator {
  constructor(pipeline: Array<Record<string, unknown>>, options: Partial<AggregatorOptions> = {}) {
    super(pipeline as never, { ...options, ...MINGO_OPTIONS } as never);
  }
}

/** mingo's updater with the emulator's query operators (for $pull conditions, positional matches). */
export function updateWith(obj: Record<string, unknown>, modifier: Record<string, unknown>, condition?: Record<string, unknown>): string[] {
  return baseUpdate(obj, modifier, undefined, condition, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS });
}
