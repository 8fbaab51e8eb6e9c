import type { ActionName, FunctionName, RequestOf, ResponseOf } from '../../../typings/api';
import type { ApiResult } from '../../../typings/envelope';
import type { ErrorCode } from '../../../typings/errors';
import { ERROR_MESSAGES } from '../../../miniprogram/services/error-messages';
import { invoke } from './cloudbase';

/**
 * The console's one typed client: `call('admin', 'adjustPoints', {...})`, typed by typings/api
 * (the same contract as the functions and the mini-program). Failures reject with ConsoleError,
 * whose `message` is the Chinese text of the mini-program's message table and `serverMessage`
 * the function's own explanation (shown beneath it).
 */
export class ConsoleError extends Error {
  constructor(
    readonly code: ErrorCode | 'PLATFORM',
    message: string,
    readonly serverMessage: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}

function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code);
}

export function errorText(error: unknown): string {
  if (error instanceof ConsoleError) return error.serverMessage && error.serverMessage !== error.message ? `${error.message}（${error.serverMessage}）` : error.message;
  return error instanceof Error ? error.message : String(error);
}

export async function call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, request: RequestOf<F, A>): Promise<ResponseOf<F, A>> {
  let result: unknown;
  try {
    result = await invoke(fn, { ...(request as Record<string, unknown>), action });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const text = (error as Error).message ?? String(error);
    if (code === 'INVALID_ACCESS_TOKEN' || code === 'ACCESS_TOKEN_EXPIRED') throw new ConsoleError('UNAUTHENTICATED', '登录已失效，请重新登录', text);
    throw new ConsoleError('PLATFORM', '服务暂时不可用，请稍后重试', text);
  }
  const envelope = result as ApiResult<ResponseOf<F, A>> | null;
  if (!envelope || typeof envelope !== 'object' || typeof envelope.ok !== 'boolean') throw new ConsoleError('INTERNAL', ERROR_MESSAGES.INTERNAL, 'the function answered without an envelope');
  if (envelope.ok) return envelope.data;
  const code = isKnownCode(envelope.code) ? envelope.code : 'INTERNAL';
  throw new ConsoleError(code, ERROR_MESSAGES[code], envelope.message, envelope.details);
}
