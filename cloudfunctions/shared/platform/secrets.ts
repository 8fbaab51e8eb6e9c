import { AppError } from './app-error';
import { logger } from './logger';

/**
 * Secrets come from the function's environment variables (set in the CloudBase console).
 * Only the local emulator gets fixed development values, so `npm start` needs no setup; anywhere
 * else a missing secret is a configuration error, never a silent default.
 *
 * "The emulator" is an explicit marker that only the emulator sets, with the SDK pointed at a
 * loopback address. Not `TCB_ENV === 'local'`: WeChat DevTools' local debugging of a cloud
 * function also runs with ENV `local`, against the real environment's database (getWXContext:
 * "如果在云函数本地调试中，ENV 会为 local"), and must not sign member codes with a public value.
 */
const DEV_SECRETS: Record<SecretName, string> = {
  MEMBER_CODE_SECRET: 'dev-only-member-code-secret-change-me',
  MEMBER_DATA_KEY: 'dev-only-member-data-key-change-me',
};

/** Every secret a function may read; the deploy config maps each to a `.env.local` placeholder. */
export const SECRET_NAMES = ['MEMBER_CODE_SECRET', 'MEMBER_DATA_KEY'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** Set to "1" by the emulator's SDK environment (emulator/database/sdk-env.ts), nowhere else. */
export const EMULATOR_MARKER = 'CLOUDBASE_EMULATOR';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function sdkServiceHost(env: NodeJS.ProcessEnv): string | null {
  try {
    const config = JSON.parse(env.TCB_CONTEXT_CNFG ?? '') as { URL?: unknown };
    return typeof config.URL === 'string' ? new URL(config.URL).hostname : null;
  } catch {
    return null;
  }
}

/** True only under the local emulator: its marker, and the SDK's database on this machine. */
export function runsOnEmulator(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[EMULATOR_MARKER] === '1' && LOOPBACK_HOSTS.has(sdkServiceHost(env) ?? '');
}

export function secret(name: SecretName): string {
  const value = process.env[name];
  if (value && value.length >= 16) return value;
  if (runsOnEmulator()) return DEV_SECRETS[name];
  logger.error({ secret: name }, 'secret missing or shorter than 16 characters');
  throw new AppError('INTERNAL', `Server secret ${name} is not configured`);
}
