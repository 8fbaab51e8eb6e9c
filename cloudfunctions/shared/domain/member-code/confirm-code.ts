import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The 6-digit confirmation code under the member QR: what the member reads out when the till's
 * camera fails, so typing a card number alone never opens a session. It changes every
 * `ttlSeconds` step (HMAC of the member id and the step under the member-code secret, with its
 * own label) and is accepted during its step and the next, so a code shown near the end of its
 * step still works; the till records each accepted (member, step) so it is used once.
 */
const LABEL = 'LMC1';

export function confirmStep(now: Date, ttlSeconds: number): number {
  return Math.floor(now.getTime() / 1000 / ttlSeconds);
}

export function confirmCodeFor(memberId: string, step: number, secret: string): string {
  const digest = createHmac('sha256', secret).update(`${LABEL}|${memberId}|${step}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** The step the code belongs to (current or previous), or null when it matches neither. */
export function matchConfirmCode(memberId: string, code: string, now: Date, ttlSeconds: number, secret: string): number | null {
  const current = confirmStep(now, ttlSeconds);
  for (const step of [current, current - 1]) {
    const expected = Buffer.from(confirmCodeFor(memberId, step, secret));
    const given = Buffer.from(code);
    if (expected.length === given.length && timingSafeEqual(expected, given)) return step;
  }
  return null;
}
