import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Logger } from 'pino';
import { DEFAULT_HOST_PORT, startEmulator, type Emulator, type StaticSite } from '../index';
import { startupBanner, timerLines } from './banner';
import { EMULATOR_ADMIN_KEY_ENV } from '../host/admin-key';
import { createCliLogger } from './cli-logger';
import { removeRunFile, writeRunFile } from './run-file';

export interface StartOptions {
  data: string;
  memory?: boolean;
  port: string;
  dbPort?: string;
  functions: string;
  indexes?: string;
  /** Subscription templates file (openapi/subscribe-message/templates.ts). */
  subscribeTemplates?: string;
  httpAccess?: string;
  timers: boolean;
  watch?: boolean;
  logLevel?: string;
  functionTimeout?: string;
}

export interface StartHooks {
  /**
   * Prepares data before the emulator opens (a project's demo seed): the banner is printed
   * first, HTTP calls answer EMULATOR_STARTING meanwhile, `progress` shows how far it got.
   * Resolves with a one-line summary.
   */
  prepare?(emulator: Emulator, progress: (message: string) => void, log: Logger): Promise<string>;
  /** How to invoke a function as the console in this project (banner lines). */
  adminUsage?: string[];
  /** Called with the logger before the emulator starts (e.g. to warn about a shifted clock). */
  logger?: Logger;
  /** Static sites the host serves (e.g. a web console). */
  staticSites?: readonly StaticSite[];
  /** Extra banner lines (e.g. where the console is and how to sign in). */
  bannerNotes?: string[];
}

export const START_DEFAULTS = { data: '.data', port: String(DEFAULT_HOST_PORT), functions: 'cloudfunctions' };

/** The options every start command has; a project adds its own (seed, clock) on top. */
export function addStartOptions(command: Command, defaults: { functions?: string; indexes?: string; subscribeTemplates?: string; httpAccess?: string } = {}): Command {
  return command
    .option('--data <dir>', 'database folder', START_DEFAULTS.data)
    .option('--memory', 'keep the database in memory (nothing written to disk)')
    .option('--port <port>', 'function host port', START_DEFAULTS.port)
    .option('--db-port <port>', 'database endpoint port (default: a free port)')
    .option('--functions <dir>', 'functions root: one folder per function', defaults.functions ?? START_DEFAULTS.functions)
    .option('--indexes <file>', 'index declarations (collections and indexes)', defaults.indexes)
    .option('--subscribe-templates <file>', 'subscription message templates (id, title, keywords) for subscribeMessage.send', defaults.subscribeTemplates)
    .option('--http-access <file>', 'HTTP access routes ({ routes: [{ path, function }] }), served under /http', defaults.httpAccess)
    .option('--no-timers', 'do not run timer triggers on their schedule')
    .option('--watch', 'reload a function on its next call after its code changes')
    .option('--log-level <level>', 'fatal, error, warn, info (default), debug, trace or silent')
    .option('--function-timeout <seconds>', "every function's timeout instead of its config.json's (tests of correctness under load)");
}

function portOf(value: string, flag: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${flag} must be a port number, got "${value}"`);
  return port;
}

function secondsOf(value: string, flag: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) throw new Error(`${flag} must be a whole number of seconds from 1 to 3600, got "${value}"`);
  return seconds;
}

/**
 * Runs the emulator until SIGINT/SIGTERM: banner first, then the project's preparation (with
 * progress), then "ready". On stop the database is checkpointed and closed, so the data
 * folder is one file, and the token file is removed.
 */
export async function runStart(options: StartOptions, hooks: StartHooks = {}): Promise<Emulator> {
  const log = hooks.logger ?? createCliLogger(options.logLevel);
  const dataDir = options.memory ? null : resolve(options.data);
  const emulator = await startEmulator({
    dataDir,
    functionsRoot: resolve(options.functions),
    ...(options.indexes === undefined ? {} : { indexesFile: resolve(options.indexes) }),
    ...(options.subscribeTemplates === undefined ? {} : { subscribeTemplatesFile: resolve(options.subscribeTemplates) }),
    ...(options.httpAccess === undefined ? {} : { httpAccessFile: resolve(options.httpAccess) }),
    hostPort: portOf(options.port, '--port'),
    timers: options.timers,
    watch: options.watch === true,
    startClosed: hooks.prepare !== undefined,
    ...(hooks.staticSites ? { staticSites: hooks.staticSites } : {}),
    logger: log,
    // A key handed in by a script (tests, CI) is used as is; otherwise a fresh one per start, left in the run file.
    ...(process.env[EMULATOR_ADMIN_KEY_ENV] ? { adminKey: process.env[EMULATOR_ADMIN_KEY_ENV] } : {}),
    ...(options.dbPort === undefined ? {} : { dbPort: portOf(options.dbPort, '--db-port') }),
    ...(options.functionTimeout === undefined ? {} : { functionTimeoutSeconds: secondsOf(options.functionTimeout, '--function-timeout') }),
  });
  const runFile = dataDir ? writeRunFile(dataDir, { url: emulator.hostUrl, token: emulator.token, adminKey: emulator.adminKey, pid: process.pid }) : null;

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping emulator');
    if (dataDir) removeRunFile(dataDir);
    // Closing the database checkpoints its write-ahead log; exit only after that.
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const adminUsage = hooks.adminUsage ?? ['cloudbase-local-emulator invoke <function> [json]', 'cloudbase-local-emulator timer <function> <trigger>'];
  const banner = (starting?: string): string => startupBanner({ emulator, dataDir, runFile, adminUsage, ...(starting ? { starting } : {}), ...(hooks.bannerNotes ? { notes: hooks.bannerNotes } : {}) });
  if (!hooks.prepare) {
    process.stdout.write(banner() + '\n');
    return emulator;
  }
  process.stdout.write(banner('preparing data') + '\n');
  try {
    const summary = await hooks.prepare(
      emulator,
      (message) => {
        emulator.reportProgress(message);
        log.info({ part: 'seed' }, message);
      },
      log,
    );
    log.info({ part: 'seed' }, summary);
  } catch (error) {
    // Close first so the database is flushed, then let the CLI report the failure.
    if (dataDir) removeRunFile(dataDir);
    await emulator.close();
    throw error;
  }
  emulator.ready();
  process.stdout.write(['', `Ready: ${emulator.hostUrl} answers calls now.`, ...timerLines(emulator, new Date()), ''].join('\n') + '\n');
  return emulator;
}
