import { z } from 'zod';
import type { ActorRole } from '../../../typings/api/console';
import { admin } from './guards';
import type { CloudFunction } from './handler';
import { DEFAULT_ROLES, mayAct } from './roles';

/** What a function's actions take, for tools (`npm run admin -- <function> --list`); never sent to callers. */
export interface ActionDescription {
  name: string;
  /** The guard's name: who may call (shopper, staff, admin, ...). */
  guard: string;
  /** JSON Schema of the payload (the event minus `action`). */
  input: unknown;
  /** Admin actions: the console roles allowed. */
  roles?: readonly string[];
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
    ...(spec.guard === admin ? { roles: spec.roles ?? DEFAULT_ROLES } : {}),
    input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
  }));
}

/**
 * The admin actions a role may call, as "function.action", for admin.whoami (the console hides
 * what the caller may not do; the guard still decides). An action counts as an admin action
 * when its guard is `admin`; its roles are the ones declared beside it (owners only when absent).
 */
export function adminActionsFor(role: ActorRole, mains: readonly CloudFunction[]): string[] {
  return mains.flatMap((main) =>
    Object.entries(main.actions)
      .filter(([, spec]) => spec.guard === admin && mayAct(role, spec.roles ?? DEFAULT_ROLES))
      .map(([name]) => `${main.functionName}.${name}`),
  );
}
