import type { ApiFailure } from '../../../typings/envelope';
import type { ErrorCode } from '../../../typings/errors';
import { requestFailure, wxStubs } from './wx-stubs';

/** A reply that never comes: the page stays in its loading state. */
export const NO_ANSWER = Symbol('no answer');

type Reply = unknown | ApiFailure | typeof NO_ANSWER | ((request: Record<string, unknown>) => unknown);

export interface FakeCall {
  fn: string;
  action: string;
  request: Record<string, unknown>;
}

/** What the fake phone sheet hands out; pages send it to member.bindPhone. */
export const FAKE_PHONE_CODE = 'fake-phone-code';

export function failure(code: ErrorCode, details?: unknown): ApiFailure {
  return { ok: false, code, message: code, ...(details === undefined ? {} : { details }) };
}

function isFailure(value: unknown): value is ApiFailure {
  return typeof value === 'object' && value !== null && (value as ApiFailure).ok === false;
}

/**
 * Answers the emulator transport's wx.request from a table keyed "function.action"; a missing
 * entry is a network failure. For unit tests of pages: the real client and stores still run.
 */
export function fakeBackend(routes: Record<string, Reply>): { calls: FakeCall[]; set(key: string, reply: Reply): void } {
  const calls: FakeCall[] = [];
  const table = { ...routes };
  wxStubs().request.mockImplementation((options: WechatMiniprogram.RequestOption) => {
    // The emulator's stand-in for WeChat's phone sheet (services/phone-code.ts): a fixed code.
    if (String(options.url).endsWith('/openapi/phonenumber/code')) {
      setTimeout(() => options.success?.({ statusCode: 200, data: { code: FAKE_PHONE_CODE }, header: {}, cookies: [], errMsg: 'request:ok' } as never), 0);
      return;
    }
    const fn = String(options.url).split('/').pop() ?? '';
    const { action, ...request } = options.data as Record<string, unknown>;
    calls.push({ fn, action: String(action), request });
    const key = `${fn}.${String(action)}`;
    if (!(key in table)) {
      setTimeout(() => options.fail?.(requestFailure(`request:fail ${key} not routed`)), 0);
      return;
    }
    const reply = table[key];
    if (reply === NO_ANSWER) return;
    const value = typeof reply === 'function' ? (reply as (r: Record<string, unknown>) => unknown)(request) : reply;
    const result = isFailure(value) ? value : { ok: true, data: value };
    setTimeout(() => options.success?.({ statusCode: 200, data: { result, requestID: 'fake' }, header: {}, cookies: [], errMsg: 'request:ok' } as never), 0);
  });
  return { calls, set: (key, reply) => void (table[key] = reply) };
}
