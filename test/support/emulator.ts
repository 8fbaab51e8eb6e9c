import { resolve } from 'node:path';
import pino from 'pino';
import { PROJECT } from '../../local/paths';
import { startTestEmulator as startPackageTestEmulator, type TestEmulator, type TestEmulatorOptions } from 'cloudbase-local-emulator/testing';
import { useInspectionChannel } from './inspect';

export type { FunctionCall, TestEmulator } from 'cloudbase-local-emulator/testing';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The product's functions on the in-process emulator (in-memory database, random ports, timers
 * off, callers asShopper(openid), asConsole, asTimer). One per test file. Strict index mode
 * ('error'): a function query no index in indexes.json serves fails the call; the test's own
 * reads go through `inspect` (./inspect.ts), which strict mode does not judge.
 */
export async function startTestEmulator(options: Partial<TestEmulatorOptions> = {}): Promise<TestEmulator> {
  // Another functions root (the emulator's fixtures) has none of this product's HTTP access routes.
  const { httpAccessFile, ...project } = PROJECT;
  const emu = await startPackageTestEmulator({
    ...project,
    ...(options.functionsRoot === undefined || options.functionsRoot === PROJECT.functionsRoot ? { httpAccessFile } : {}),
    ...options,
    logLevel: options.logLevel ?? process.env.LOYALTY_TEST_LOG ?? 'silent',
  });
  useInspectionChannel(emu.inspectUrl);
  return emu;
}

/** The emulator package's own fixture functions (whoami, boom, sleepy, ticker, dbping). */
export const FIXTURE_FUNCTIONS_ROOT = resolve(ROOT, 'emulator', 'test', 'fixtures', 'cloudfunctions');

/** For tests that build a host or scheduler directly. */
export const quietLogger = pino({ level: process.env.LOYALTY_TEST_LOG ?? 'silent', base: undefined });
