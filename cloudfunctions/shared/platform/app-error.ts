import { ERROR_CODES, type ErrorCode } from '../../../typings/errors';

/** A business error with a stable code from the catalogue in typings/errors.ts. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
