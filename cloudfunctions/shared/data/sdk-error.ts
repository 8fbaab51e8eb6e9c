/** The SDK throws plain objects or Errors with a string `code`; read it without trusting the shape. */
export function sdkErrorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : null;
  }
  return null;
}

export function isTransactionConflict(error: unknown): boolean {
  return sdkErrorCode(error) === 'DATABASE_TRANSACTION_CONFLICT';
}
