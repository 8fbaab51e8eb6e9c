/**
 * The one catalogue of error codes a cloud function may return. The mini-program maps each
 * code to a Chinese message once (miniprogram/services/error-messages.ts); tests assert codes.
 */
export const ERROR_CODES = {
  INVALID_INPUT: 'The request is malformed or a field is missing, of the wrong type or out of range.',
  UNKNOWN_ACTION: 'The function has no such action.',
  UNAUTHENTICATED: 'The action needs a WeChat user identity and the call has none.',
  FORBIDDEN: 'The caller may not perform this action.',
  NOT_STAFF: 'Only active store staff may perform this action.',
  NOT_REGISTERED: 'The caller has no member card yet.',
  CONSENT_REQUIRED: 'The privacy policy must be accepted to become a member.',
  MEMBER_NOT_FOUND: 'No active member matches.',
  MEMBER_DELETED: 'The member account has been deleted.',
  CODE_MALFORMED: 'The scanned content is not a member code.',
  CODE_INVALID: 'The member code signature does not verify (forged or tampered).',
  CODE_EXPIRED: 'The member code has expired; ask the shopper to refresh it.',
  CODE_REPLAYED: 'The member code has already been used.',
  RATE_LIMITED: 'Too many failed attempts; wait before trying again.',
  SESSION_INVALID: 'The till session is missing, expired or belongs to another staff member; scan again.',
  ORDER_CONFLICT: 'The order number was already recorded with different details.',
  ORDER_NOT_FOUND: 'No recorded purchase has that order number.',
  REFUND_EXCEEDS_ORDER: 'The refund is larger than what remains refundable on the order.',
  REFUND_CONFLICT: 'The refund number was already recorded with different details.',
  INSUFFICIENT_POINTS: 'The available points do not cover the request.',
  STAFF_LIMIT_EXCEEDED: 'The staff daily limit would be exceeded; an admin has been notified.',
  CONFIG_INVALID: 'The configuration is invalid.',
  CONFLICT: 'The data changed concurrently too many times; retry.',
  INTERNAL: 'An unexpected server error occurred.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
