import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/app-error';

/**
 * The dynamic member code: `LM1.<memberId>.<expiry, base36 seconds>.<nonce>.<signature>`.
 * The member id is a random document id (nothing personal); HMAC-SHA256 (truncated to 128 bits)
 * makes it unforgeable without the server secret; the nonce makes each code single-use.
 */
const PREFIX = 'LM1';
const SHAPE = /^LM1\.([0-9a-f]{32})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{11})\.([A-Za-z0-9_-]{22})$/;
/** Tolerated clock difference between the function instances that issue and verify. */
const SKEW_SECONDS = 5;

export interface VerifiedCode {
  memberId: string;
  nonce: string;
  expiresAt: Date;
}

function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest().subarray(0, 16).toString('base64url');
}

export function issueMemberCode(memberId: string, now: Date, ttlSeconds: number, secret: string): { code: string; expiresAt: Date } {
  const expirySeconds = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const body = `${PREFIX}.${memberId}.${expirySeconds.toString(36)}.${randomBytes(8).toString('base64url')}`;
  return { code: `${body}.${sign(body, secret)}`, expiresAt: new Date(expirySeconds * 1000) };
}

/** Checks shape, then signature, then expiry, each with its own error code. Single use is checked by the caller. */
export function verifyMemberCode(code: string, now: Date, maxTtlSeconds: number, secret: string): VerifiedCode {
  const match = SHAPE.exec(code.trim());
  if (!match) throw new AppError('CODE_MALFORMED');
  const [, memberId, expiry, nonce, signature] = match;
  const body = `${PREFIX}.${memberId}.${expiry}.${nonce}`;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AppError('CODE_INVALID');
  const expirySeconds = parseInt(expiry, 36);
  const nowSeconds = now.getTime() / 1000;
  if (expirySeconds < nowSeconds - SKEW_SECONDS) throw new AppError('CODE_EXPIRED');
  // A validly signed code that lives longer than any TTL we issue means a leaked secret or bug.
  if (expirySeconds > nowSeconds + maxTtlSeconds + SKEW_SECONDS) throw new AppError('CODE_INVALID');
  return { memberId, nonce, expiresAt: new Date(expirySeconds * 1000) };
}
