// Errors the emulator returns to the SDK. The node-sdk turns any HTTP-200 JSON
// answer that carries a non-empty `code` into a thrown TcbError with the same
// `code` / `message` (see @cloudbase/node-sdk src/utils/tcbapirequester.ts
// `request()` → processReturn), so shaping the body as { code, message,
// requestId } is all it takes for function code to see `err.code` exactly as
// it would in the cloud.

/** Codes used by the real service (names from docs.cloudbase.net/error-code). */
export const ErrorCodes = {
  INVALID_PARAM: 'INVALID_PARAM',
  SYS_ERR: 'SYS_ERR',
  DATABASE_COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  DATABASE_COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  DATABASE_DUPLICATE_WRITE: 'DATABASE_DUPLICATE_WRITE',
  DATABASE_TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  DATABASE_TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  /** The service refused the request (limits, strict index mode); the SDK's own ERRORS table has it. */
  DATABASE_REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  /** Request body over 100 MB (docs.cloudbase.net/error-code/service/EXCEED_MAX_PAYLOAD_SIZE). */
  EXCEED_MAX_PAYLOAD_SIZE: 'EXCEED_MAX_PAYLOAD_SIZE',
  /** Emulator-only: a feature the emulator deliberately does not implement. */
  EMULATOR_UNSUPPORTED: 'EMULATOR_UNSUPPORTED',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export class DbError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DbError';
    this.code = code;
  }
}

export const invalidParam = (message: string): DbError => new DbError(ErrorCodes.INVALID_PARAM, message);
export const unsupported = (message: string): DbError => new DbError(ErrorCodes.EMULATOR_UNSUPPORTED, message);

/**
 * A MongoDB server error as CloudBase passes it on: code DATABASE_REQUEST_FAILED, message
 * "[FailedOperation] (<MongoDB error name>) <MongoDB message>" — the shape of real cloud answers,
 * e.g. "[FailedOperation] (Location50841) Multi-document transactions cannot be run in a sharded
 * cluster." (TencentCloudBase/tcb-admin-node issue #12).
 */
export function mongoFailure(codeName: string, message: string): DbError {
  return new DbError(ErrorCodes.DATABASE_REQUEST_FAILED, `[FailedOperation] (${codeName}) ${message}`);
}

export function collectionNotExist(name: string): DbError {
  return new DbError(
    ErrorCodes.DATABASE_COLLECTION_NOT_EXIST,
    `[ResourceNotFound] Db or Table not exist: collection '${name}' does not exist ` +
      `(emulator: declare it in the indexes file or insert into it first)`,
  );
}

/**
 * Maps anything thrown while serving a request to a DbError. mingo throws
 * MingoError for unknown operators ("unknown query operator $near",
 * "Unknown update operator", "unregistered pipeline operator") — those become
 * EMULATOR_UNSUPPORTED so callers get a clear "not supported here" instead of
 * a generic failure; other mingo errors are invalid input.
 */
export function toDbError(err: unknown): DbError {
  if (err instanceof DbError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // mingo's MingoError keeps name 'Error'; recognise it by its class.
  const name = err instanceof Error ? err.constructor.name : '';
  if (/unknown .*operator|unregistered .*operator|is not registered|not supported|missing .*validator|jsonSchema/i.test(message)) {
    return unsupported(`emulator does not support: ${message}`);
  }
  if (name === 'MingoError') return invalidParam(message);
  return new DbError(ErrorCodes.SYS_ERR, message);
}
