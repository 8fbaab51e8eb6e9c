import type { ErrorCode } from './errors';

/** Every cloud-function action answers with this envelope; errors never throw across the wire. */
export type ApiSuccess<T> = { ok: true; data: T };
export type ApiFailure = { ok: false; code: ErrorCode; message: string; details?: unknown };
export type ApiResult<T> = ApiSuccess<T> | ApiFailure;
