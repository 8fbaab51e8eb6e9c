import { resolve } from 'node:path';
import pino from 'pino';
import { startTestEmulator as start, type TestEmulator, type TestEmulatorOptions } from '../../testing';

export type { TestEmulator } from '../../testing';

/** The package's fixture functions (whoami, echo, httpecho, boom, sleepy, ticker, dbping, pingscan). */
export const FIXTURE_FUNCTIONS_ROOT = resolve(__dirname, '..', 'fixtures', 'cloudfunctions');
/** Their index declarations: `emulator_pings` by `openid` (dbping's query), nothing on `at`. */
export const FIXTURE_INDEXES_FILE = resolve(__dirname, '..', 'fixtures', 'indexes.json');

export function startTestEmulator(options: Partial<TestEmulatorOptions> = {}): Promise<TestEmulator> {
  return start({ functionsRoot: FIXTURE_FUNCTIONS_ROOT, indexesFile: FIXTURE_INDEXES_FILE, ...options });
}

/** For tests that build a host or scheduler directly. */
export const quietLogger = pino({ level: process.env.EMULATOR_TEST_LOG ?? 'silent', base: undefined });
