import { createHash, timingSafeEqual } from 'node:crypto';
import { logger } from './logger';

/**
 * The admin key: a secret in the function's environment variables (`ADMIN_API_KEY`, set in the
 * CloudBase console) that a console test invocation puts in its payload as `adminKey` to prove
 * it comes from someone who can read the function's configuration. The platform does not say
 * which TCB_SOURCE console invocations carry, so the key is what proves them, never the source.
 * The key is read per call, compared in constant time, and never logged, stored or echoed.
 */
export const ADMIN_KEY_FIELD = 'adminKey';
export const ADMIN_KEY_ENV = 'ADMIN_API_KEY';
/** Shorter configured keys are treated as not configured: a guessable key is no key. */
export const ADMIN_KEY_MIN_LENGTH = 32;

/** What the call's `adminKey` amounts to. The key itself never leaves this module. */
export type AdminKeyCheck = 'absent' | 'valid' | 'invalid' | 'unconfigured';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

let warnedUnconfigured = false;

export function checkAdminKey(presented: unknown): AdminKeyCheck {
  if (presented === undefined) return 'absent';
  const configured = process.env[ADMIN_KEY_ENV];
  if (!configured || configured.length < ADMIN_KEY_MIN_LENGTH) {
    if (!warnedUnconfigured) {
      warnedUnconfigured = true;
      logger.error({ variable: ADMIN_KEY_ENV, minLength: ADMIN_KEY_MIN_LENGTH }, 'an admin key was presented but the function has no admin key configured');
    }
    return 'unconfigured';
  }
  if (typeof presented !== 'string') return 'invalid';
  // Equal-length digests, so timingSafeEqual never throws and the comparison time says nothing about the key.
  return timingSafeEqual(digest(presented), digest(configured)) ? 'valid' : 'invalid';
}
