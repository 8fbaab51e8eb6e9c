import type { CloudFunctionContext } from './invocation-context';
import type { FunctionDefinition } from './function-discovery';
import { InvocationError } from './invocation-error';

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

  load(fn: FunctionDefinition): CloudFunctionMain {
    const cached = this.loaded.get(fn.name);
    if (cached) return cached;
    let exported: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exported = require(fn.entry) as unknown;
    } catch (error) {
      throw new InvocationError('FUNCTION_LOAD_FAILED', `function "${fn.name}" failed to load: ${(error as Error).message}`, { cause: error });
    }
    const main = mainOf(exported);
    if (!main) throw new InvocationError('FUNCTION_LOAD_FAILED', `function "${fn.name}" does not export main(event, context) from ${fn.entry}`);
    this.loaded.set(fn.name, main);
    return main;
  }
}
