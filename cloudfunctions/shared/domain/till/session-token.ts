import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TillSessionDoc } from '../../data/documents';

/**
 * The till session a scan opens, as a signed token the cashier's till sends back with every till
 * action: `TS1.<sessionId>.<staffId>.<storeId>.<memberId>.<expiry, base36 ms>.<signature>`.
 * Verifying it needs no database read (each purchase used to read the session document).
 * HMAC-SHA256, truncated to 128 bits, under the member-code secret with its own domain label, so
 * a member code can never pass as a session or the reverse. Ids are document ids (no dots).
 * Revocation: docs/loyalty-rules.md, "The till".
 */
const PREFIX = 'TS1';
const LABEL = 'till-session';
const ID = '[A-Za-z0-9_-]{1,64}';
const SHAPE = new RegExp(`^${PREFIX}\\.(${ID})\\.(${ID})\\.(${ID})\\.(${ID})\\.([0-9a-z]{1,12})\\.([A-Za-z0-9_-]{22})$`);

function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(`${LABEL}:${body}`).digest().subarray(0, 16).toString('base64url');
}

export function issueSessionToken(session: Pick<TillSessionDoc, '_id' | 'staffId' | 'storeId' | 'memberId' | 'expiresAt'>, secret: string): string {
  const body = [PREFIX, session._id, session.staffId, session.storeId, session.memberId, session.expiresAt.getTime().toString(36)].join('.');
  return `${body}.${sign(body, secret)}`;
}

/** The session a well-signed token carries, or null (bad shape or signature). Expiry and owner are the caller's checks. */
export function readSessionToken(token: string, secret: string): Omit<TillSessionDoc, 'createdAt'> | null {
  const match = SHAPE.exec(token);
  if (!match) return null;
  const [, sessionId, staffId, storeId, memberId, expiry, signature] = match;
  const expected = Buffer.from(sign([PREFIX, sessionId, staffId, storeId, memberId, expiry].join('.'), secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { _id: sessionId, staffId, storeId, memberId, expiresAt: new Date(parseInt(expiry, 36)) };
}
