/** The SDK throws plain objects or Errors with a string `code`; read it without trusting the shape. */
export function sdkErrorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : null;
  }
  return null;
}

export function isDuplicateWrite(error: unknown): boolean {
  return sdkErrorCode(error) === 'DATABASE_DUPLICATE_WRITE';
}

export function isTransactionConflict(error: unknown): boolean {
  return sdkErrorCode(error) === 'DATABASE_TRANSACTION_CONFLICT';
}

/**
 * Errors after which re-running the whole transaction is right:
 * - a conflict;
 * - a duplicate key: every create in our transactions follows a read that found no document,
 *   so a duplicate means another writer committed in between (bounded: see inTransaction);
 * - "transaction does not exist": a concurrent write of the same transaction already failed
 *   with a conflict and ended it (or it outlived the platform's transaction lifetime).
 */
const RETRYABLE = new Set(['DATABASE_TRANSACTION_CONFLICT', 'DATABASE_DUPLICATE_WRITE', 'DATABASE_TRANSACTION_FAIL']);

export function isRetryableInTransaction(error: unknown): boolean {
  return RETRYABLE.has(sdkErrorCode(error) ?? '');
}
