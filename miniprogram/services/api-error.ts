import type { ErrorCode } from '../../typings/errors';
import { ERROR_MESSAGES, NETWORK_MESSAGE } from './error-messages';

/** A failed call: `code` is the backend's catalogue code, or NETWORK when the call never got an answer. */
export type FailureCode = ErrorCode | 'NETWORK';

export class ApiError extends Error {
  /** The Chinese message to show the user. */
  readonly userMessage: string;

  constructor(
    readonly code: FailureCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ApiError';
    this.userMessage = code === 'NETWORK' ? NETWORK_MESSAGE : ERROR_MESSAGES[code];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The message to show for any thrown value. */
export function userMessageOf(error: unknown): string {
  return isApiError(error) ? error.userMessage : ERROR_MESSAGES.INTERNAL;
}
