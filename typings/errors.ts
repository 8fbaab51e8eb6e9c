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
  CAMPAIGN_NOT_FOUND: 'No campaign has that id.',
  CAMPAIGN_EXISTS: 'A campaign with that id already exists; use update.',
  CAMPAIGN_RULE_INVALID: 'The campaign audience rule, reward, budget or schedule is invalid (the message names the field).',
  CAMPAIGN_NOT_RUNNABLE: 'The campaign is paused or outside its schedule window.',
  CAMPAIGN_RUN_NOT_FOUND: 'No campaign run has that id.',
  COUPON_NOT_FOUND: 'No coupon or coupon template has that id (for this member).',
  COUPON_NOT_CLAIMABLE: 'The coupon template is not open for claiming (not listed, inactive, or outside its claim window).',
  COUPON_OUT_OF_STOCK: 'The coupon template has no stock left.',
  COUPON_LIMIT_REACHED: 'The member already claimed as many coupons of this template as allowed.',
  COUPON_TIER_TOO_LOW: 'The member\'s tier may not claim this coupon.',
  COUPON_NOT_USABLE: 'The coupon is used, expired, not yet valid or not the scanned member\'s.',
  COUPON_THRESHOLD_NOT_MET: 'The amount does not reach the coupon\'s minimum spend.',
  COUPON_NOT_STACKABLE: 'The coupon cannot be combined with the other coupons on this order.',
  GROUPBUY_NOT_FOUND: 'No group-buy deal or group has that id.',
  GROUPBUY_CLOSED: 'The group-buy deal is inactive or outside its window.',
  GROUPBUY_SOLD_OUT: 'The group-buy deal has no groups left.',
  GROUP_FULL: 'The group already has all its members.',
  GROUP_CLOSED: 'The group has succeeded, failed or run out of time.',
  ALREADY_IN_GROUP: 'The member already has an open or succeeded group of this deal.',
  REFERRAL_INVALID: 'The invite code is unknown or cannot be used.',
  KEY_CONFLICT: 'The key (idempotency key, request key or business number) was already used for a different request.',
  ORDER_OTHER_STORE: 'The order was recorded at another store; only a store manager may refund it.',
  STAFF_OWN_MEMBERSHIP: 'Staff may not serve their own membership at the till; an admin has been notified.',
  BIRTHDAY_CHANGE_LIMIT: 'The birthday can be changed once every 12 months.',
  CONFLICT: 'The data changed concurrently too many times; retry.',
  INTERNAL: 'An unexpected server error occurred.',
  PAYMENT_UNAVAILABLE: 'WeChat Pay could not be reached or refused the order; nothing was charged.',
  PAYMENT_NOT_FOUND: 'No group-buy payment has that order number.',
  PAYMENT_MISMATCH: 'The payment notification does not match the order (amount, merchant or refund number).',
  PAYMENT_SETTLED: 'The seat is already paid.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
