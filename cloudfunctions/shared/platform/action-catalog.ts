import { z } from 'zod';
import type { CloudFunction } from './handler';

/** What a function's actions take, for tools (`npm run admin -- <function> --list`); never sent to callers. */
export interface ActionDescription {
  name: string;
  /** The guard's name: who may call (shopper, staff, admin, ...). */
  guard: string;
  /** JSON Schema of the payload (the event minus `action`). */
  input: unknown;
}

function isDefinedFunction(main: unknown): main is CloudFunction {
  return typeof main === 'function' && typeof (main as Partial<CloudFunction>).actions === 'object';
}

/** The actions behind a `main` built with defineFunction, or undefined for any other function. */
export function describeActions(main: unknown): ActionDescription[] | undefined {
  if (!isDefinedFunction(main)) return undefined;
  return Object.entries(main.actions).map(([name, spec]) => ({
    name,
    guard: spec.guard.name || '(anonymous)',
    input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
  }));
}
