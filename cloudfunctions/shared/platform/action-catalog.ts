import { z } from 'zod';
import type { ActionSpec } from './handler';

/** What a function's actions take, for tools (`npm run admin -- <function> --list`); never sent to callers. */
export interface ActionDescription {
  name: string;
  /** The guard's name: who may call (shopper, staff, adminOnly, ...). */
  guard: string;
  /** JSON Schema of the payload (the event minus `action`). */
  input: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySpec = ActionSpec<any, any, any>;

const catalogs = new WeakMap<object, Readonly<Record<string, AnySpec>>>();

export function registerActions(main: object, actions: Readonly<Record<string, AnySpec>>): void {
  catalogs.set(main, actions);
}

/** The actions behind a `main` built with defineFunction, or undefined for any other function. */
export function describeActions(main: unknown): ActionDescription[] | undefined {
  const actions = typeof main === 'function' ? catalogs.get(main) : undefined;
  if (!actions) return undefined;
  return Object.entries(actions).map(([name, spec]) => ({
    name,
    guard: spec.guard.name || '(anonymous)',
    input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
  }));
}
