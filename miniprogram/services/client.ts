import type { ActionName, FunctionName, RequestOf, ResponseOf } from '../../typings/api';
import type { ApiResult } from '../../typings/envelope';
import type { ErrorCode } from '../../typings/errors';
import { ApiError } from './api-error';
import { ERROR_MESSAGES } from './error-messages';
import { beginCall, endCall } from './loading';
import { currentTransport } from './transport';

// Only type imports from ../typings: DevTools packs miniprogram/ alone, so runtime code stays here.
function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code);
}

function unwrap<T>(result: unknown): T {
  const envelope = result as ApiResult<T> | null;
  if (!envelope || typeof envelope !== 'object' || typeof envelope.ok !== 'boolean') {
    throw new ApiError('INTERNAL', 'the function answered without an envelope');
  }
  if (envelope.ok) return envelope.data;
  const code = isKnownCode(envelope.code) ? envelope.code : 'INTERNAL';
  throw new ApiError(code, envelope.message, envelope.details);
}

/**
 * The one typed client: `call('staff', 'recordPurchase', { sessionId, orderNo, amountFen })`.
 * Rejects with ApiError. It never retries: a caller that retries a state-changing action
 * (recordPurchase, recordRefund) must send the same order/refund number, its idempotency key.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, request: RequestOf<F, A>): Promise<ResponseOf<F, A>> {
  beginCall();
  try {
    const result = await currentTransport()(fn, { ...(request as Record<string, unknown>), action });
    return unwrap<ResponseOf<F, A>>(result);
  } finally {
    endCall();
  }
}
