import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/app-error';

/**
 * How an integration signs a request (docs/order-feed.md): HMAC-SHA256 under its secret over
 * `METHOD \n path \n timestamp \n nonce \n body`, hex. The path is the one the HTTP access
 * service reports (`event.path`), the body the raw bytes sent. Pure, so the reference client
 * (scripts/pos-demo.ts) signs with the same code the function verifies with.
 */
export const SIGNATURE_HEADERS = {
  integration: 'x-loyalty-integration',
  timestamp: 'x-loyalty-timestamp',
  nonce: 'x-loyalty-nonce',
  signature: 'x-loyalty-signature',
} as const;

/** A request older (or further in the future) than this is refused; nonces are kept this long. */
export const MAX_SKEW_SECONDS = 300;

export interface SignedParts {
  method: string;
  path: string;
  /** Unix seconds, as sent. */
  timestamp: string;
  nonce: string;
  body: Buffer;
}

export function signRequest(secret: string, parts: SignedParts): string {
  return createHmac('sha256', secret)
    .update(`${parts.method.toUpperCase()}\n${parts.path}\n${parts.timestamp}\n${parts.nonce}\n`)
    .update(parts.body)
    .digest('hex');
}

/** Unix seconds within MAX_SKEW_SECONDS of now; anything else (missing, not a number) is stale. */
export function assertFresh(timestamp: string, now: Date): void {
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(seconds) || Math.abs(now.getTime() / 1000 - seconds) > MAX_SKEW_SECONDS) {
    throw new AppError('TIMESTAMP_STALE', `时间戳须在服务器时间前后 ${MAX_SKEW_SECONDS} 秒内`);
  }
}

/** Constant-time comparison against every secret the integration currently accepts. */
export function assertSigned(secrets: readonly string[], parts: SignedParts, signature: string): void {
  const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : null;
  const ok = given !== null && secrets.some((secret) => timingSafeEqual(Buffer.from(signRequest(secret, parts), 'hex'), given));
  if (!ok) throw new AppError('SIGNATURE_INVALID');
}
