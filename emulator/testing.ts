import pino from 'pino';
import { CallSources, startEmulator, type Caller, type Emulator, type EmulatorOptions } from './index';
import type { UnindexedMode } from './database/index-use';

/** For a project's tests: everything in-process, in-memory database, random ports, timers off. */

export type FunctionCall = (name: string, event?: Record<string, unknown>) => Promise<unknown>;

export interface TestEmulator {
  /** The running emulator (database server, host URL, functions, timers, token). */
  emulator: Emulator;
  /** Value of TCB_CONTEXT_CNFG.URL for the in-memory database (carries the route token). */
  dbUrl: string;
  /**
   * The database's inspection channel (…/inspect/admin), for a test's own reads and set-up:
   * `tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, serviceUrl: inspectUrl })`. Strict mode does not
   * judge it, so a test may check `orders` by `orderNo` without an index the product never needs.
   */
  inspectUrl: string;
  /** Base URL of the HTTP function host (random port). */
  hostUrl: string;
  /** Headers the console and timer routes need (`Authorization: Bearer <token>`). */
  consoleHeaders: Record<string, string>;
  invoke(name: string, event: unknown, caller: Caller): Promise<unknown>;
  /** Calls as a mini-program user: source wx_client, the given openid. */
  asShopper(openid: string, options?: { appid?: string; unionid?: string }): FunctionCall;
  /** Calls as the console: no openid, source console. */
  asConsole: FunctionCall;
  /** Fires a timer trigger now, as the cloud's timer would (source wx_trigger). */
  asTimer(functionName: string, triggerName: string): Promise<unknown>;
  /** A single-use phonenumber.getPhoneNumber code for this number (what WeChat's phone sheet gives the button). */
  issuePhoneCode(phoneNumber: string): string;
  close(): Promise<void>;
}

export interface TestEmulatorOptions {
  functionsRoot: string;
  indexesFile?: string;
  /** HTTP access routes, served under the host's /http. */
  httpAccessFile?: string;
  /** Run timers on their schedule (default false: tests fire them with asTimer). */
  timers?: boolean;
  /** Log level for host/timer logs (default silent; EMULATOR_TEST_LOG overrides). */
  logLevel?: string;
  /**
   * Queries (on the functions' channel) that no index in indexesFile serves. Default 'error':
   * the query fails, so a test that runs function code fails with it. EMULATOR_UNINDEXED_QUERIES
   * overrides the default.
   */
  unindexedQueries?: UnindexedMode;
  /**
   * Every function's timeout in seconds, replacing config.json's. For suites that test
   * correctness under concurrency: their outcome must not depend on how busy the machine is.
   */
  functionTimeoutSeconds?: number;
  /** The project's subscription templates (see EmulatorOptions). */
  subscribeTemplatesFile?: string;
  /** Static sites the host serves (e.g. a web console under test in a browser). */
  staticSites?: EmulatorOptions['staticSites'];
}

function testUnindexedMode(): UnindexedMode {
  const v = process.env.EMULATOR_UNINDEXED_QUERIES;
  return v === 'off' || v === 'warn' ? v : 'error';
}

/** One per test file: process.env carries the database URL, so not two at once. */
export async function startTestEmulator(options: TestEmulatorOptions): Promise<TestEmulator> {
  const emulator = await startEmulator({
    functionsRoot: options.functionsRoot,
    ...(options.indexesFile === undefined ? {} : { indexesFile: options.indexesFile }),
    ...(options.httpAccessFile === undefined ? {} : { httpAccessFile: options.httpAccessFile }),
    dataDir: null,
    dbPort: 0,
    hostPort: 0,
    timers: options.timers ?? false,
    unindexedQueries: options.unindexedQueries ?? testUnindexedMode(),
    ...(options.functionTimeoutSeconds === undefined ? {} : { functionTimeoutSeconds: options.functionTimeoutSeconds }),
    ...(options.subscribeTemplatesFile === undefined ? {} : { subscribeTemplatesFile: options.subscribeTemplatesFile }),
    ...(options.staticSites ? { staticSites: options.staticSites } : {}),
    logger: pino({ level: options.logLevel ?? process.env.EMULATOR_TEST_LOG ?? 'silent', base: undefined }),
  });
  return {
    emulator,
    dbUrl: emulator.db.url,
    inspectUrl: emulator.db.inspectUrl,
    hostUrl: emulator.hostUrl,
    consoleHeaders: { authorization: `Bearer ${emulator.token}` },
    invoke: emulator.invoke,
    asShopper: (openid, extra = {}) => (name, event = {}) => emulator.invoke(name, event, { openid, source: CallSources.miniProgram, ...extra }),
    asConsole: (name, event = {}) => emulator.invokeAdmin(name, event),
    asTimer: emulator.fireTimer,
    issuePhoneCode: emulator.issuePhoneCode,
    close: emulator.close,
  };
}
