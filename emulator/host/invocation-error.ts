/**
 * Failures of the platform around a function (not the function's own `{ ok: false }`
 * envelopes, which are ordinary results). Each maps to the errCode style that
 * wx.cloud.callFunction reports, so the mini-program's dev transport sees familiar errors.
 */
export const InvocationErrorCodes = {
  FUNCTION_NOT_FOUND: { errCode: -501000, httpStatus: 404 },
  INVALID_REQUEST: { errCode: -501001, httpStatus: 400 },
  UNAUTHENTICATED: { errCode: -501002, httpStatus: 401 },
  PAYLOAD_TOO_LARGE: { errCode: -501003, httpStatus: 413 },
  FUNCTION_LOAD_FAILED: { errCode: -504001, httpStatus: 500 },
  FUNCTION_FAILED: { errCode: -504002, httpStatus: 500 },
  FUNCTION_TIMEOUT: { errCode: -504003, httpStatus: 504 },
  TIMER_NOT_FOUND: { errCode: -501000, httpStatus: 404 },
  TIMER_BUSY: { errCode: -501004, httpStatus: 409 },
  /** Emulator only: a route guard refused the request (foreign Host, cross-origin, no token). */
  FORBIDDEN: { errCode: -501007, httpStatus: 403 },
  /** Emulator only: still preparing (e.g. seeding demo data); retry when the banner says ready. */
  EMULATOR_STARTING: { errCode: -501008, httpStatus: 503 },
} as const;

export type InvocationErrorCode = keyof typeof InvocationErrorCodes;

export class InvocationError extends Error {
  readonly code: InvocationErrorCode;
  readonly errCode: number;
  readonly httpStatus: number;
  readonly requestId: string | undefined;

  constructor(code: InvocationErrorCode, message: string, options: { requestId?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'InvocationError';
    this.code = code;
    this.errCode = InvocationErrorCodes[code].errCode;
    this.httpStatus = InvocationErrorCodes[code].httpStatus;
    this.requestId = options.requestId;
  }
}

export function isInvocationError(error: unknown): error is InvocationError {
  return error instanceof InvocationError;
}
