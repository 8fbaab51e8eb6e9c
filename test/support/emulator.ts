import { resolve } from 'node:path';
import pino from 'pino';
import { startEmulator, CallSources, type Caller, type Emulator } from '../../emulator';

export type FunctionCall = (name: string, event?: Record<string, unknown>) => Promise<unknown>;

export interface TestEmulator {
  /** The running emulator (database server, host URL, functions, timers). */
  emulator: Emulator;
  /** Value of TCB_CONTEXT_CNFG.URL for the in-memory database. */
  dbUrl: string;
  /** Base URL of the HTTP function host (random port). */
  hostUrl: string;
  invoke(name: string, event: unknown, caller: Caller): Promise<unknown>;
  /** Calls as a mini-program user: source wx_client, the given openid. */
  asShopper(openid: string, options?: { appid?: string; unionid?: string }): FunctionCall;
  /** Calls as the console: no openid, source console, the emulator's admin key in the event. */
  asConsole: FunctionCall;
  /** Fires a timer trigger now, as the cloud's timer would (source wx_trigger). */
  asTimer(functionName: string, triggerName: string): Promise<unknown>;
  close(): Promise<void>;
}

export interface TestEmulatorOptions {
  /** Default: the project's cloudfunctions/. */
  functionsRoot?: string;
  /** Run timers on their schedule (default false: tests fire them with asTimer). */
  timers?: boolean;
  /** Log level for host/timer logs (default silent; LOYALTY_TEST_LOG overrides). */
  logLevel?: string;
}

/**
 * Everything in-process: in-memory database, random ports, real node-sdk in each function.
 * One per test file (process.env carries the database URL, so not two at once).
 */
export async function startTestEmulator(options: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({
    dataDir: null,
    dbPort: 0,
    hostPort: 0,
    functionsRoot: options.functionsRoot ?? resolve(__dirname, '..', '..', 'cloudfunctions'),
    timers: options.timers ?? false,
    logger: pino({ level: options.logLevel ?? process.env.LOYALTY_TEST_LOG ?? 'silent', base: undefined }),
  });
  return {
    emulator,
    dbUrl: emulator.db.url,
    hostUrl: emulator.hostUrl,
    invoke: emulator.invoke,
    asShopper: (openid, extra = {}) => (name, event = {}) =>
      emulator.invoke(name, event, { openid, source: CallSources.miniProgram, ...extra }),
    asConsole: (name, event = {}) => emulator.invokeAdmin(name, event),
    asTimer: emulator.fireTimer,
    close: emulator.close,
  };
}

/** The emulator's own fixture functions (whoami, boom, sleepy, ticker, dbping). */
export const FIXTURE_FUNCTIONS_ROOT = resolve(__dirname, '..', 'fixtures', 'cloudfunctions');

/** For tests that build a host or scheduler directly. */
export const quietLogger = pino({ level: process.env.LOYALTY_TEST_LOG ?? 'silent', base: undefined });
