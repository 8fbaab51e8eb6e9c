import { sep } from 'node:path';
import type { CloudFunctionContext } from './invocation-context';
import type { FunctionDefinition } from './function-discovery';
import { InvocationError } from './invocation-error';

/** Node's require with its cache (typed explicitly: the mini-program typings declare another global `require`). */
const nodeRequire = (): NodeJS.Require => require as unknown as NodeJS.Require;

export type CloudFunctionMain = (event: unknown, context: CloudFunctionContext) => unknown;

function mainOf(exported: unknown): CloudFunctionMain | undefined {
  if (typeof exported !== 'object' || exported === null) return undefined;
  const main = (exported as { main?: unknown }).main;
  return typeof main === 'function' ? (main as CloudFunctionMain) : undefined;
}

/**
 * Loads each function's module on first call, through Node's `require` so whatever
 * TypeScript hook is active compiles it (tsx under `npm start`, @swc/jest in tests).
 * Lazy loading keeps startup fast and means a function whose module fails to load breaks
 * only its own calls, as a failed deploy would in the cloud.
 */
export class FunctionLoader {
  private readonly loaded = new Map<string, CloudFunctionMain>();
  /** Resolved entry file of each loaded function (the key require's cache uses). */
  private readonly entries = new Map<string, string>();

  load(fn: FunctionDefinition): CloudFunctionMain {
    const cached = this.loaded.get(fn.name);
    if (cached) return cached;
    let exported: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exported = require(fn.entry) as unknown;
      this.entries.set(fn.name, nodeRequire().resolve(fn.entry));
    } catch (error) {
      throw new InvocationError('FUNCTION_LOAD_FAILED', `function "${fn.name}" failed to load: ${(error as Error).message}`, { cause: error });
    }
    const main = mainOf(exported);
    if (!main) throw new InvocationError('FUNCTION_LOAD_FAILED', `function "${fn.name}" does not export main(event, context) from ${fn.entry}`);
    this.loaded.set(fn.name, main);
    return main;
  }

  /**
   * After `file` changed: drops it and every module that imports it (directly or through
   * others) from require's cache, within `root` and outside node_modules, and forgets each
   * function whose entry is among them, so its next call loads the new code. Modules the
   * change does not reach keep their state. Returns the functions that will reload.
   */
  forgetChanged(file: string, root: string): string[] {
    const cache = nodeRequire().cache;
    const inScope = (id: string): boolean => id.startsWith(root + sep) && !id.includes(`${sep}node_modules${sep}`);
    const importers = new Map<string, string[]>();
    for (const [id, mod] of Object.entries(cache)) {
      if (!mod || !inScope(id)) continue;
      for (const child of mod.children) importers.set(child.id, [...(importers.get(child.id) ?? []), id]);
    }
    const stale = new Set<string>();
    const pending = [file];
    while (pending.length > 0) {
      const id = pending.pop() as string;
      if (stale.has(id) || !inScope(id)) continue;
      stale.add(id);
      pending.push(...(importers.get(id) ?? []));
    }
    for (const id of stale) delete cache[id];
    const reloading: string[] = [];
    for (const [name, entry] of this.entries) {
      if (stale.has(entry)) {
        this.loaded.delete(name);
        reloading.push(name);
      }
    }
    return reloading;
  }
}
