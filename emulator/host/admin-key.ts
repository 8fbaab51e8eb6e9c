import { randomBytes } from 'node:crypto';

/**
 * The console stand-in has no trusted source of its own: like a test invocation from the CloudBase
 * console, whose TCB_SOURCE the platform does not document, it proves itself with the admin key the
 * functions read from their environment variables. The emulator sets a fresh key in the functions'
 * environment at every start; the seed, the admin CLI and the test support put it in the event.
 * The names match the functions' side (cloudfunctions/shared/platform/admin-key.ts).
 */
export const ADMIN_KEY_ENV = 'ADMIN_API_KEY';
export const ADMIN_KEY_FIELD = 'adminKey';
/** Where a script hands the emulator (and the admin CLI) a key of its choosing instead of a random one. */
export const EMULATOR_ADMIN_KEY_ENV = 'EMULATOR_ADMIN_KEY';
export const ADMIN_KEY_MIN_LENGTH = 32;

export function newAdminKey(): string {
  return randomBytes(32).toString('base64url');
}

export function checkedAdminKey(key: string): string {
  if (key.length < ADMIN_KEY_MIN_LENGTH) throw new Error(`the admin key must have at least ${ADMIN_KEY_MIN_LENGTH} characters`);
  return key;
}

/** The console's event: the payload plus the admin key (the key wins over an `adminKey` in the payload). */
export function withAdminKey(event: Record<string, unknown>, key: string): Record<string, unknown> {
  return { ...event, [ADMIN_KEY_FIELD]: key };
}
