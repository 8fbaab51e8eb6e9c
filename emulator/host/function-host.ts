import type { Logger } from 'pino';
import type { Caller } from './call-source';
import { discoverFunctions, type FunctionDefinition } from './function-discovery';
import { FunctionLoader } from './function-loader';
import { buildInvocationContext, resolveAppid, type ContextDefaults } from './invocation-context';
import { buildInvocationEvent } from './invocation-event';
import { InvocationError } from './invocation-error';

export interface Invocation {
  requestId: string;
  result: unknown;
}

export interface FunctionHost {
  readonly functions: readonly FunctionDefinition[];
  find(name: string): FunctionDefinition | undefined;
  /** Runs a function with the event and context the platform builds for the caller's source; returns main's result with the request id. */
  call(name: string, event: unknown, caller: Caller): Promise<Invocation>;
  /** Same as call, result only. */
  invoke(name: string, event: unknown, caller: Caller): Promise<unknown>;
}

export interface FunctionHostOptions extends ContextDefaults {
  functionsRoot: string;
  log: Logger;
  /** Shared with a file watcher that makes functions reload (emulator --watch). */
  loader?: FunctionLoader;
  /**
   * Runs every function as if deployed with this timeout (seconds) instead of its config.json
   * value. For test suites whose subject is correctness under concurrency, so a loaded machine
   * cannot turn slowness into a FUNCTION_TIMEOUT; the configured timeout is modelled and tested
   * without it (see emulator README, "Function timeout").
   */
  timeoutSecondsOverride?: number;
}

/**
 * Rejects after the function's configured timeout, as the cloud answers the caller.
 * The function's own promise cannot be cancelled in-process and keeps running; in the
 * cloud the instance would be frozen instead. Its later outcome is only logged.
 */
function withTimeout(work: Promise<unknown>, fn: FunctionDefinition, requestId: string): Promise<unknown> {
  const seconds = fn.config.timeoutSeconds;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new InvocationError('FUNCTION_TIMEOUT', `Invoking task timed out after ${seconds} seconds (function "${fn.name}")`, { requestId }));
    }, seconds * 1000);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createFunctionHost(options: FunctionHostOptions): FunctionHost {
  const override = options.timeoutSecondsOverride;
  const functions = discoverFunctions(options.functionsRoot).map((fn) => (override === undefined ? fn : { ...fn, config: { ...fn.config, timeoutSeconds: override } }));
  const byName = new Map(functions.map((fn) => [fn.name, fn]));
  const loader = options.loader ?? new FunctionLoader();
  const log = options.log;

  async function call(name: string, event: unknown, caller: Caller): Promise<Invocation> {
    const fn = byName.get(name);
    if (!fn) throw new InvocationError('FUNCTION_NOT_FOUND', `function "${name}" not found (known: ${functions.map((f) => f.name).join(', ') || 'none'})`);
    const context = buildInvocationContext(fn, caller, options);
    const platformEvent = buildInvocationEvent(event, caller, resolveAppid(caller, options));
    const requestId = context.request_id;
    const started = Date.now();
    try {
      const main = loader.load(fn);
      // Promise.resolve().then: a synchronous throw in main becomes a rejection like an async one.
      const work = Promise.resolve().then(() => main(platformEvent, context));
      // Observed here so a rejection that lands after a timeout is logged, not unhandled.
      work.then(
        () => undefined,
        (error: unknown) => log.debug({ fn: name, requestId, err: error }, 'function rejected'),
      );
      const result = await withTimeout(work, fn, requestId);
      log.debug({ fn: name, requestId, source: caller.source, ms: Date.now() - started }, 'invoked');
      return { requestId, result };
    } catch (error) {
      if (error instanceof InvocationError) {
        log.warn({ fn: name, requestId, code: error.code }, error.message);
        throw error;
      }
      log.error({ fn: name, requestId, err: error }, 'function threw');
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new InvocationError('FUNCTION_FAILED', `function "${name}" threw: ${message}`, { requestId, cause: error });
    }
  }

  return {
    functions,
    find: (name) => byName.get(name),
    call,
    invoke: async (name, event, caller) => (await call(name, event, caller)).result,
  };
}
