/**
 * A key for one user intent (a tap on 领取), sent with the call so the server can answer a retry
 * with the first result. Not a secret and not a business time: only unique per tap.
 */
export function newRequestKey(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
