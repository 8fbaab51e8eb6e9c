import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { startDatabaseServer, type DatabaseServer } from './database/server';
import { sdkEnvironmentFor } from './database/sdk-env';
import { CallSources, type Caller } from './host/call-source';
import { createFunctionHost, type FunctionHost } from './host/function-host';
import type { FunctionDefinition } from './host/function-discovery';
import { startHostServer, DEFAULT_HOST_PORT, type HostServer } from './host/http-server';
import { startTimerScheduler, type ScheduledTimer, type TimerScheduler } from './timers/timer-scheduler';

export { CallSources, type CallSource, type Caller } from './host/call-source';
export { InvocationError, type InvocationErrorCode } from './host/invocation-error';
export { DEFAULT_HOST_PORT } from './host/http-server';

export const DEFAULT_FUNCTIONS_ROOT = resolve(__dirname, '..', 'cloudfunctions');
/** Placeholder appid for dev-transport calls; matches project.config.json's tourist appid. */
export const DEFAULT_APPID = 'touristappid';

export interface EmulatorOptions {
  /** Database folder; null = in-memory. Default `.data/` under the working directory. */
  dataDir?: string | null;
  /** 0 = random (the default: functions run in-process, nothing else needs a fixed port). */
  dbPort?: number;
  /** 0 = random. Default 3900. */
  hostPort?: number;
  /** Loopback by default; anything else also needs allowNonLoopback. */
  host?: string;
  allowNonLoopback?: boolean;
  functionsRoot?: string;
  /** Run timer triggers on their schedule (default true). fireTimer works either way. */
  timers?: boolean;
  logLevel?: string;
  /** A logger to use instead of creating one from logLevel. */
  logger?: Logger;
  /** appid reported for dev-transport callers that send none (env EMULATOR_APPID). */
  appid?: string;
}

export interface Emulator {
  db: DatabaseServer;
  hostUrl: string;
  functions: readonly FunctionDefinition[];
  timers: readonly ScheduledTimer[];
  invoke(name: string, event: unknown, caller: Caller): Promise<unknown>;
  /** As the console would: no end-user identity, source `console`. */
  invokeAdmin(name: string, event: Record<string, unknown>): Promise<unknown>;
  fireTimer(functionName: string, triggerName: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Starts the local CloudBase in this process: database endpoint, then the SDK environment
 * (before any function module loads, because node-sdk reads TCB_CONTEXT_CNFG from
 * process.env), then the function host, its HTTP routes and the timers.
 * process.env is global, so one emulator per process at a time.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const log = options.logger ?? pino({ level: options.logLevel ?? 'info', base: undefined });
  const dbLog = log.child({ part: 'db' });
  const db = await startDatabaseServer({
    dataDir: options.dataDir === undefined ? resolve('.data') : options.dataDir,
    ...(options.dbPort === undefined ? {} : { port: options.dbPort }),
    log: (line) => dbLog.debug(line),
    warn: (line) => dbLog.warn(line),
  });
  let server: HostServer | undefined;
  let scheduler: TimerScheduler | undefined;
  try {
    const sdkEnv = sdkEnvironmentFor(db.url);
    Object.assign(process.env, sdkEnv);
    const host: FunctionHost = createFunctionHost({
      functionsRoot: options.functionsRoot ?? DEFAULT_FUNCTIONS_ROOT,
      envId: sdkEnv.TCB_ENV ?? 'local',
      appid: options.appid ?? process.env.EMULATOR_APPID ?? DEFAULT_APPID,
      log: log.child({ part: 'host' }),
    });
    const timers = startTimerScheduler({
      functions: host.functions,
      call: host.call,
      log: log.child({ part: 'timers' }),
      schedule: options.timers ?? true,
    });
    scheduler = timers;
    server = await startHostServer({
      target: {
        listFunctions: () =>
          host.functions.map((fn) => ({ name: fn.name, timeoutSeconds: fn.config.timeoutSeconds, timers: fn.config.timers })),
        call: host.call,
        fireTimer: timers.fireTimer,
      },
      log: log.child({ part: 'http' }),
      host: options.host ?? '127.0.0.1',
      port: options.hostPort ?? DEFAULT_HOST_PORT,
      ...(options.allowNonLoopback === undefined ? {} : { allowNonLoopback: options.allowNonLoopback }),
    });
    const hostServer = server;
    return {
      db,
      hostUrl: hostServer.url,
      functions: host.functions,
      timers: timers.timers,
      invoke: host.invoke,
      invokeAdmin: (name, event) => host.invoke(name, event, { source: CallSources.console }),
      fireTimer: async (functionName, triggerName) => (await timers.fireTimer(functionName, triggerName)).result,
      async close() {
        timers.stop();
        await hostServer.close();
        await db.close();
      },
    };
  } catch (error) {
    scheduler?.stop();
    await server?.close();
    await db.close();
    throw error;
  }
}
