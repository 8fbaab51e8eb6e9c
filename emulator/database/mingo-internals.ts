// Typed access to mingo's sub-path modules (mingo 7.2.7). The repository compiles with
// moduleResolution "node", which does not read package "exports", so these are required at run
// time (Node resolves the exports map) and typed here by hand from mingo's own .d.ts files.
//
// Why the base classes (mingo/query, mingo/aggregator) and not the `mingo` entry point: the
// entry point merges its own operator table *before* a caller's context, and mingo's
// Context.addOps keeps the first definition of a name, so a caller cannot replace an operator
// there (mingo-context.ts must replace $elemMatch, $week, $substr...). The base classes use the
// context they are given; mingo-context.ts gives them every default operator plus its own.

import type { Aggregator as MingoAggregator, Context as MingoContext, Query as MingoQuery } from 'mingo';

/** mingo's Options, as far as the emulator passes them on. */
export type MingoOptions = { context?: MingoContext } & Record<string, unknown>;

export type ExpressionOperator = (obj: unknown, expr: unknown, options: MingoOptions) => unknown;
export type OperatorTable = Record<string, unknown>;

interface MingoCore {
  evalExpr(obj: unknown, expr: unknown, options: MingoOptions): unknown;
  Context: { init(ops: Record<string, OperatorTable>): MingoContext };
}

interface MingoUtil {
  resolve(obj: object, selector: string, options?: { unwrapArray?: boolean }): unknown;
  setValue(obj: object, selector: string, value: unknown): void;
  isEqual(a: unknown, b: unknown): boolean;
}

interface MingoStringOperators {
  $substrBytes: ExpressionOperator;
  $substrCP: ExpressionOperator;
}

type Modifier = Record<string, unknown>;
interface MingoUpdater {
  update(
    obj: Record<string, unknown>,
    modifier: Modifier,
    arrayFilters?: Array<Record<string, unknown>>,
    condition?: Record<string, unknown>,
    options?: { cloneMode?: 'deep' | 'copy' | 'none'; queryOptions?: MingoOptions },
  ): string[];
}

/* eslint-disable @typescript-eslint/no-require-imports */
const core = require('mingo/core') as MingoCore;
const util = require('mingo/util') as MingoUtil;
const strings = require('mingo/operators/expression/string') as MingoStringOperators;
export const BaseQuery = (require('mingo/query') as { Query: typeof MingoQuery }).Query;
export const BaseAggregator = (require('mingo/aggregator') as { Aggregator: typeof MingoAggregator }).Aggregator;
export const { update: baseUpdate } = require('mingo/updater') as MingoUpdater;
/** mingo's default operator tables, by kind (what its entry point registers). */
export const DEFAULT_OPERATORS: Record<string, OperatorTable> = {
  accumulator: require('mingo/operators/accumulator') as OperatorTable,
  expression: require('mingo/operators/expression') as OperatorTable,
  pipeline: require('mingo/operators/pipeline') as OperatorTable,
  projection: require('mingo/operators/projection') as OperatorTable,
  query: require('mingo/operators/query') as OperatorTable,
  window: require('mingo/operators/window') as OperatorTable,
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const { evalExpr, Context } = core;
export const { resolve, setValue, isEqual } = util;
export const { $substrBytes, $substrCP } = strings;
