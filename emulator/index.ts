import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { startDatabaseServer, type DatabaseServer } from './database/server';
import type { UnindexedMode } from './database/index-use';
import { refuseProductionCredentials } from './database/production-credentials';
import { sdkEnvironmentFor } from './database/sdk-env';
import { ADMIN_KEY_ENV, checkedAdminKey, newAdminKey, withAdminKey } from './host/admin-key';
import { CallSources, type Caller } from './host/call-source';
import { createFunctionHost, type FunctionHost } from './host/function-host';
import type { FunctionDefinition } from './host/function-discovery';
import { FunctionLoader } from './host/function-loader';
import { watchFunctions, type FunctionWatcher } from './host/function-watcher';
import { startHostServer, DEFAULT_HOST_PORT, type HostServer } from './host/http-server';
import { StartGate } from './host/start-gate';
import { readHttpAccessRoutes } from './host/http-access';
import { CloudPayStandIn, createOpenApis, createSubscribeMessageState, type PayCallbackTarget, type SubscribeMessageState } from './openapi';
import { PhoneNumberCodes } from './openapi/phone-number';
import { readTemplatesFile } from './openapi/subscribe-message/templates';
import { AccountStore, type AccountView } from './auth/accounts';
import { createAuthService } from './auth/auth-service';
import { SessionStore } from './auth/sessions';
import type { StaticSite } from './host/static-site';
import { newRouteToken } from './security/route-guard';
import { startTimerScheduler, type TimerScheduler } from './timers/timer-scheduler';

export { CallSources, viaFunction, type CallSource, type Caller } from './host/call-source';
export { InvocationError, type InvocationErrorCode } from './host/invocation-error';
export { DEFAULT_HOST_PORT } from './host/http-server';
export { discoverFunctions, type FunctionDefinition } from './host/function-discovery';
export { nextFireTime, TIMER_TIMEZONE } from './timers/cron';
export { sdkEnvironmentFor } from './database/sdk-env';
export { HTTP_ACCESS_PREFIX, type HttpAccessRoute } from './host/http-access';
export type { StaticSite } from './host/static-site';
export type { AccountView } from './auth/accounts';

/** Placeholder appid for dev-transport callers that send none; WeChat DevTools' tourist appid. */
export const DEFAULT_APPID = 'touristappid';

export interface EmulatorOptions {
  /** Folder with one sub-folder per function (index.ts or index.js, and config.json). */
  functionsRoot: string;
  /** The project's index declarations (see README); absent = no collection declared up front. */
  indexesFile?: string;
  /** Database folder; null = in-memory. Default `.data/` under the working directory. */
  dataDir?: string | null;
  /** 0 = random (the default: functions run in-process, nothing else needs a fixed port). */
  dbPort?: number;
  /** 0 = random. Default 3900. */
  hostPort?: number;
  /** Loopback by default; anything else also needs allowNonLoopback. */
  host?: string;
  allowNonLoopback?: boolean;
  /** Run timer triggers on their schedule (default true). fireTimer works either way. */
  timers?: boolean;
  logLevel?: string;
  /** A logger to use instead of creating one from logLevel. */
  logger?: Logger;
  /** appid reported for dev-transport callers that send none (env EMULATOR_APPID). */
  appid?: string;
  /** Secret of the console, timer and database routes; default: a new random one per start. */
  token?: string;
  /**
   * Start closed: HTTP calls answer EMULATOR_STARTING and timers wait until `ready()`.
   * In-process calls (`invoke`, `invokeAdmin`) work, so a seed can prepare data first.
   */
  startClosed?: boolean;
  /** Reload a function on its next call after a file under functionsRoot changes. */
  watch?: boolean;
  /** The functions' ADMIN_API_KEY (≥ 32 characters); default: a new random key per start. */
  adminKey?: string;
  /** Queries no declared index serves: 'warn' | 'error' | 'off' (default: EMULATOR_UNINDEXED_QUERIES, else 'warn'). */
  unindexedQueries?: UnindexedMode;
  /** Every function's timeout in seconds, replacing config.json's (tests of correctness under load only; see README). */
  functionTimeoutSeconds?: number;
  /** The project's subscription templates (openapi/subscribe-message/templates.ts); absent = none, every send answers 40037. */
  subscribeTemplatesFile?: string;
  /** The HTTP access routes file (`{ routes: [{ path, function }] }`), served under the host's /http; none when absent. */
  httpAccessFile?: string;
  /** Static website hosting stand-ins served by the function host (e.g. a web console). */
  staticSites?: readonly StaticSite[];
}

export interface EmulatorTimer {
  functionName: string;
  triggerName: string;
  cron: string;
}

export interface Emulator {
  db: DatabaseServer;
  hostUrl: string;
  /** The per-start secret of the console, timer and database routes. */
  token: string;
  functions: readonly FunctionDefinition[];
  timers: readonly EmulatorTimer[];
  /** Whether timers run on their schedule once ready. */
  timersScheduled: boolean;
  /** The admin key set in the functions' environment for this start; console calls carry it. */
  adminKey: string;
  invoke(name: string, event: unknown, caller: Caller): Promise<unknown>;
  /** As the console would: no end-user identity, source `console`, the admin key in the event. */
  invokeAdmin(name: string, event: Record<string, unknown>): Promise<unknown>;
  fireTimer(functionName: string, triggerName: string): Promise<unknown>;
  /** A single-use phonenumber.getPhoneNumber code for this number, as WeChat's phone sheet would give the button. */
  issuePhoneCode(phoneNumber: string): string;
  /** Subscription quotas and the outbox of subscribeMessage.send (for tests and the admin CLI). */
  subscribeMessages: SubscribeMessageState;
  /**
   * Creates a CloudBase username/password account (or resets the password of that username);
   * the web SDK signs in with it on this host. Kept in the data folder, scrypt-hashed.
   */
  upsertAccount(input: { username: string; password: string; name?: string }): AccountView;
  /** 云支付 stand-in: settle a payment (sends the pay callback), retry callbacks, await refund notifications. */
  cloudPay: CloudPayStandIn;
  /** While started closed: what it is doing, shown to refused callers and on /health. */
  reportProgress(progress: string): void;
  /** Opens HTTP calls and starts the timer schedule (no-op when already open). */
  ready(): void;
  close(): Promise<void>;
}

/**
 * Starts the local CloudBase in this process: database endpoint, then the SDK environment
 * (before any function module loads, because node-sdk reads TCB_CONTEXT_CNFG from
 * process.env), then the function host, its HTTP routes and the timers.
 * process.env is global, so one emulator per process at a time.
 */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  refuseProductionCredentials(process.env);
  const adminKey = checkedAdminKey(options.adminKey ?? newAdminKey());
  const log = options.logger ?? pino({ level: options.logLevel ?? 'info', base: undefined });
  const token = options.token ?? newRouteToken();
  const dbLog = log.child({ part: 'db' });
  const dataDir = options.dataDir === undefined ? resolve('.data') : options.dataDir;
  // The pay callback goes to the function host, which starts after the database.
  let payCallback: PayCallbackTarget | null = null;
  const cloudPay = new CloudPayStandIn({ appid: options.appid ?? process.env.EMULATOR_APPID ?? DEFAULT_APPID, callback: () => payCallback });
  const appid = options.appid ?? process.env.EMULATOR_APPID ?? DEFAULT_APPID;
  const phoneNumbers = new PhoneNumberCodes(() => Date.now(), appid);
  const openApiDeps = { dataDir, now: () => Date.now() };
  const subscribeMessages = createSubscribeMessageState(openApiDeps, options.subscribeTemplatesFile ? readTemplatesFile(options.subscribeTemplatesFile) : []);
  const db = await startDatabaseServer({
    dataDir,
    openApi: createOpenApis({ ...openApiDeps, phoneNumbers, subscribeMessages, cloudPay }),
    ...(options.indexesFile === undefined ? {} : { indexesFile: options.indexesFile }),
    ...(options.dbPort === undefined ? {} : { port: options.dbPort }),
    routeToken: token,
    ...(options.unindexedQueries === undefined ? {} : { unindexedQueries: options.unindexedQueries }),
    log: (line) => dbLog.debug(line),
    warn: (line) => dbLog.warn(line),
  });
  let server: HostServer | undefined;
  let scheduler: TimerScheduler | undefined;
  let watcher: FunctionWatcher | undefined;
  try {
    const sdkEnv = sdkEnvironmentFor(db.url);
    // The functions' environment variables: the SDK's, plus the admin key the console proves itself with.
    Object.assign(process.env, sdkEnv, { [ADMIN_KEY_ENV]: adminKey });
    const loader = new FunctionLoader();
    const host: FunctionHost = createFunctionHost({
      functionsRoot: options.functionsRoot,
      envId: sdkEnv.TCB_ENV ?? 'local',
      appid,
      log: log.child({ part: 'host' }),
      loader,
      ...(options.functionTimeoutSeconds === undefined ? {} : { timeoutSecondsOverride: options.functionTimeoutSeconds }),
    });
    payCallback = (name, event) => host.invoke(name, event, { source: CallSources.payCallback });
    const gate = new StartGate(!options.startClosed);
    const accounts = new AccountStore(dataDir);
    const auth = createAuthService(accounts, new SessionStore());
    const timersOn = options.timers ?? true;
    const timerLog = log.child({ part: 'timers' });
    // Validates every trigger now (a bad cron stops start-up); schedules only once open.
    scheduler = startTimerScheduler({ functions: host.functions, call: host.call, log: timerLog, schedule: timersOn && gate.isOpen });
    let timers: TimerScheduler = scheduler;
    const httpRoutes = options.httpAccessFile ? readHttpAccessRoutes(options.httpAccessFile, host.functions.map((fn) => fn.name)) : null;
    server = await startHostServer({
      target: {
        listFunctions: () =>
          host.functions.map((fn) => ({ name: fn.name, timeoutSeconds: fn.config.timeoutSeconds, timers: fn.config.timers })),
        call: host.call,
        fireTimer: (functionName, triggerName) => timers.fireTimer(functionName, triggerName),
        issuePhoneCode: (phoneNumber) => phoneNumbers.issue(phoneNumber),
        recordSubscription: (openid, result) => ({ accepted: subscribeMessages.recordChoices(openid, result) }),
        outbox: () => subscribeMessages.messages(),
        settlePayment: (outTradeNo, outcome) => cloudPay.settle(outTradeNo, outcome),
      },
      log: log.child({ part: 'http' }),
      host: options.host ?? '127.0.0.1',
      port: options.hostPort ?? DEFAULT_HOST_PORT,
      token,
      gate,
      ...(httpRoutes ? { httpAccess: { routes: httpRoutes, envId: sdkEnv.TCB_ENV ?? 'local' } } : {}),
      auth,
      ...(options.staticSites ? { staticSites: options.staticSites } : {}),
      ...(options.allowNonLoopback === undefined ? {} : { allowNonLoopback: options.allowNonLoopback }),
    });
    if (options.watch) watcher = watchFunctions(options.functionsRoot, loader, log.child({ part: 'watch' }));
    const hostServer = server;
    const fileWatcher = watcher;
    return {
      db,
      hostUrl: hostServer.url,
      token,
      functions: host.functions,
      timers: timers.timers.map(({ functionName, triggerName, cron }) => ({ functionName, triggerName, cron })),
      timersScheduled: timersOn,
      adminKey,
      subscribeMessages,
      invoke: host.invoke,
      invokeAdmin: (name, event) => host.invoke(name, withAdminKey(event, adminKey), { source: CallSources.console }),
      fireTimer: async (functionName, triggerName) => (await timers.fireTimer(functionName, triggerName)).result,
      issuePhoneCode: (phoneNumber) => phoneNumbers.issue(phoneNumber),
      upsertAccount: (input) => accounts.upsert(input),
      cloudPay,
      reportProgress: (progress) => gate.report(progress),
      ready() {
        if (gate.isOpen) return;
        gate.openNow();
        if (timersOn) {
          timers.stop();
          timers = startTimerScheduler({ functions: host.functions, call: host.call, log: timerLog, schedule: true });
        }
      },
      async close() {
        fileWatcher?.close();
        timers.stop();
        await hostServer.close();
        await db.close();
      },
    };
  } catch (error) {
    watcher?.close();
    scheduler?.stop();
    await server?.close();
    await db.close();
    throw error;
  }
}
