import { resolve } from 'node:path';
import { useClock } from '../../cloudfunctions/shared/platform/clock';
import { seedDemoIfEmpty } from '../seed';
import { DEFAULT_HOST_PORT, startEmulator } from '../index';
import { EMULATOR_ADMIN_KEY_ENV } from '../host/admin-key';
import { removeAdminKeyFile, writeAdminKeyFile } from './admin-key-file';
import { startupBanner } from './banner';
import { createCliLogger } from './cli-logger';

export interface StartOptions {
  data: string;
  memory?: boolean;
  port: string;
  dbPort?: string;
  timers: boolean;
  seed: boolean;
  logLevel?: string;
  functions?: string;
  clockOffset?: string;
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "30d", "-2h", "90m", "45s" → milliseconds. */
export function parseOffset(value: string): number {
  const match = /^(-?\d+)([smhd])$/.exec(value.trim());
  if (!match) throw new Error(`--clock-offset takes a number and a unit (s, m, h, d), e.g. 30d or -2h; got "${value}"`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

function portOf(value: string, flag: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${flag} must be a port number, got "${value}"`);
  return port;
}

/** `npm start`: database, host, timers, demo seed; stops cleanly on SIGINT/SIGTERM. */
export async function runStart(options: StartOptions): Promise<void> {
  const log = createCliLogger(options.logLevel);
  if (options.clockOffset !== undefined) {
    const offsetMs = parseOffset(options.clockOffset);
    // The functions run in this process and read time from the shared clock module only.
    useClock({ now: () => new Date(Date.now() + offsetMs) });
    log.warn({ offsetMs }, `business clock shifted by ${options.clockOffset}`);
  }
  const dataDir = options.memory ? null : resolve(options.data);
  const hostPort = portOf(options.port, '--port');
  // A key handed in by a script (tests, CI) is used as is; otherwise a fresh one per start, left for `npm run admin`.
  const givenAdminKey = process.env[EMULATOR_ADMIN_KEY_ENV];
  const emulator = await startEmulator({
    dataDir,
    hostPort,
    timers: options.timers,
    logger: log,
    ...(givenAdminKey ? { adminKey: givenAdminKey } : {}),
    ...(options.dbPort === undefined ? {} : { dbPort: portOf(options.dbPort, '--db-port') }),
    ...(options.functions === undefined ? {} : { functionsRoot: resolve(options.functions) }),
  });
  const boundPort = Number(new URL(emulator.hostUrl).port);
  const adminKeyFile = givenAdminKey ? null : writeAdminKeyFile(boundPort, emulator.adminKey);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping emulator');
    if (adminKeyFile) removeAdminKeyFile(boundPort);
    // Closing the database flushes its write-ahead log; exit only after that.
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

  if (options.seed) {
    try {
      const seeded = await seedDemoIfEmpty({ invokeAdmin: emulator.invokeAdmin, invoke: emulator.invoke, log: (message) => log.info({ part: 'seed' }, message) });
      log.info({ part: 'seed', seeded: seeded.seeded }, seeded.summary);
    } catch (error) {
      // Close first so the database is flushed, then let the CLI report the failure.
      if (adminKeyFile) removeAdminKeyFile(boundPort);
      await emulator.close();
      throw new Error(`demo seed failed (start with --no-seed to skip it): ${(error as Error).message}`);
    }
  }
  process.stdout.write(startupBanner({ emulator, dataDir, timersOn: options.timers, hostPort: boundPort, adminKeyFile }) + '\n');
}

export const START_DEFAULTS = { data: '.data', port: String(DEFAULT_HOST_PORT) };
