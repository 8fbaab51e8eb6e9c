// Typed access to mingo's sub-path modules (mingo/core, mingo/util, the string operators).
// The repository compiles with moduleResolution "node", which does not read package "exports",
// so these are required at run time (Node resolves the exports map) and typed here by hand
// from mingo 7.2.7's own .d.ts files.

import type { Context as MingoContext } from 'mingo';

/** mingo's Options, as far as the emulator passes them on. */
export type MingoOptions = { context?: MingoContext } & Record<string, unknown>;

export type ExpressionOperator = (obj: unknown, expr: unknown, options: MingoOptions) => unknown;

interface MingoCore {
  evalExpr(obj: unknown, expr: unknown, options: MingoOptions): unknown;
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

/* eslint-disable @typescript-eslint/no-require-imports */
const core = require('mingo/core') as MingoCore;
const util = require('mingo/util') as MingoUtil;
const strings = require('mingo/operators/expression/string') as MingoStringOperators;
/* eslint-enable @typescript-eslint/no-require-imports */

export const { evalExpr } = core;
export const { resolve, setValue, isEqual } = util;
export const { $substrBytes, $substrCP } = strings;
