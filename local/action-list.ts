import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeActions, type ActionDescription } from '../cloudfunctions/shared/platform/action-catalog';

type Schema = Record<string, unknown>;

/** A JSON Schema as one short TypeScript-like line: `{ code: string(1..256), amountFen?: integer }`. */
export function schemaSummary(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return 'any';
  const s = schema as Schema;
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in s) return JSON.stringify(s.const);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[key])) return (s[key] as unknown[]).map(schemaSummary).join(' | ');
  }
  if (s.type === 'object') {
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    const fields = Object.entries(properties).map(([name, value]) => `${name}${required.has(name) ? '' : '?'}: ${schemaSummary(value)}`);
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  if (s.type === 'array') return `${schemaSummary(s.items)}[]`;
  if (s.type === 'string') {
    const min = typeof s.minLength === 'number' ? s.minLength : undefined;
    const max = typeof s.maxLength === 'number' ? s.maxLength : undefined;
    const range = min !== undefined || max !== undefined ? `(${min ?? 0}..${max ?? ''})` : '';
    return `${typeof s.format === 'string' ? s.format : 'string'}${range}`;
  }
  if (s.type === 'integer' || s.type === 'number') {
    // zod's int() reports the safe-integer range as bounds: not worth printing.
    const bound = (value: unknown): unknown => (typeof value === 'number' && Math.abs(value) === Number.MAX_SAFE_INTEGER ? undefined : value);
    const min = bound(s.minimum ?? s.exclusiveMinimum);
    const max = bound(s.maximum ?? s.exclusiveMaximum);
    return `${String(s.type)}${min !== undefined || max !== undefined ? `(${String(min ?? '')}..${String(max ?? '')})` : ''}`;
  }
  return typeof s.type === 'string' ? s.type : 'any';
}

/** Loads a function's module (no emulator needed) and reads the actions it declares. */
export function listActions(functionsRoot: string, name: string): ActionDescription[] {
  const dir = resolve(functionsRoot, name);
  const entry = ['index.ts', 'index.js'].map((file) => join(dir, file)).find((file) => existsSync(file));
  if (!entry || !existsSync(join(dir, 'config.json'))) throw new Error(`no function "${name}" in ${functionsRoot}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require(entry) as { main?: unknown };
  const actions = describeActions(main);
  if (!actions) throw new Error(`function "${name}" does not declare its actions with defineFunction`);
  return actions;
}

export function formatActionList(name: string, actions: ActionDescription[]): string {
  const width = Math.max(...actions.map((a) => a.name.length));
  const guardWidth = Math.max(...actions.map((a) => a.guard.length));
  const lines = actions.map((a) => `  ${a.name.padEnd(width)}  ${a.guard.padEnd(guardWidth)}  ${schemaSummary(a.input)}`);
  return [`${name}: ${actions.length} actions (name, guard, input)`, ...lines].join('\n');
}
