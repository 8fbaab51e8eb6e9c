import { resolve } from 'node:path';
import type { CloudFunction } from '../../cloudfunctions/shared/platform/handler';
import { discoverFunctions } from '../../emulator/host/function-discovery';

/**
 * Every function of the product, found the way the host and the build find them, with its
 * action table (`main.actions`, attached by defineFunction). A new function or action shows up
 * here without anyone listing it.
 */
export function productFunctions(): CloudFunction[] {
  return discoverFunctions(resolve(__dirname, '..', '..', 'cloudfunctions')).map((definition) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require(definition.entry) as { main: CloudFunction };
    if (typeof main !== 'function' || typeof main.actions !== 'object') throw new Error(`${definition.name} does not export a main built by defineFunction`);
    return main;
  });
}

/** `function.action` → the guard's name (shopper, staff, admin). */
export function guardTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (const fn of productFunctions()) {
    for (const [action, spec] of Object.entries(fn.actions)) table.set(`${fn.functionName}.${action}`, spec.guard.name);
  }
  return table;
}
