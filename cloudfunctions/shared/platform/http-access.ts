import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ErrorCode } from '../../../typings/errors';
import { AppError, isAppError } from './app-error';
import { callerFrom, callChain, type CloudContext } from './caller';
import { currentClock } from './clock';
import type { CallContext } from './handler';
import { logger } from './logger';

/**
 * A function behind CloudBase's HTTP access service (HTTP 访问服务). The platform turns the HTTP
 * request into the "集成请求" event and the function's return value into the response (CloudBase,
 * 使用 HTTP 访问云函数 / 如何使用云函数处理 HTTP 请求, https://docs.cloudbase.net/service/access-cloud-function):
 * "HTTP 请求会被转化为特殊的结构体，称之为集成请求 … { path, httpMethod, headers, queryStringParameters,
 * requestContext, body, isBase64Encoded }", where "如果 HTTP 请求包体是二进制数据，则包体内容会被处理成
 * Base64 编码的字符串，此时该值为 true"; and the function may return a "集成响应"
 * `{ statusCode, headers, body, isBase64Encoded }`. The call source is `wx_http` (Cloud.getWXContext's
 * SOURCE table), the only source this kind of function accepts.
 */
export interface HttpRequest {
  method: string;
  path: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  query: Record<string, string>;
  body: Buffer;
}

export interface IntegratedResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

const integratedRequest = z.looseObject({
  path: z.string().min(1).max(1024),
  httpMethod: z.string().min(1).max(16),
  headers: z.record(z.string(), z.string()).nullish(),
  queryStringParameters: z.record(z.string(), z.string()).nullish(),
  body: z.string().nullish(),
  // The docs describe it as "true or false"; accept the boolean and its string form.
  isBase64Encoded: z.union([z.boolean(), z.enum(['true', 'false'])]).nullish(),
});

export interface HttpCall extends CallContext {
  request: HttpRequest;
}

export const HTTP_SOURCE = 'wx_http';

const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  BODY_MALFORMED: 400,
  AMOUNT_MISMATCH: 400,
  UNKNOWN_ACTION: 400,
  UNAUTHENTICATED: 401,
  SIGNATURE_INVALID: 401,
  TIMESTAMP_STALE: 401,
  INTEGRATION_UNKNOWN: 401,
  FORBIDDEN: 403,
  ORDER_OTHER_STORE: 403,
  NONCE_REPLAYED: 409,
  ORDER_CONFLICT: 409,
  REFUND_CONFLICT: 409,
  REFUND_BEFORE_ORDER: 409,
  REFUND_EXCEEDS_ORDER: 409,
  BODY_TOO_LARGE: 413,
  MEMBER_NOT_FOUND: 422,
  MEMBER_DELETED: 422,
  CODE_MALFORMED: 422,
  CODE_INVALID: 422,
  CODE_EXPIRED: 422,
  CONFLICT: 503,
  INTERNAL: 500,
};

export function respond(statusCode: number, body: unknown, requestId: string): IntegratedResponse {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId }, body: JSON.stringify(body), isBase64Encoded: false };
}

function lowerCased(headers: Record<string, string> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/** The integrated request as plain parts, the body decoded and refused above `limit` bytes. */
export function readIntegratedRequest(event: unknown, limit: number): HttpRequest {
  const parsed = integratedRequest.safeParse(event);
  if (!parsed.success) throw new AppError('BODY_MALFORMED', 'not an HTTP access request');
  const raw = parsed.data.body ?? '';
  const base64 = parsed.data.isBase64Encoded === true || parsed.data.isBase64Encoded === 'true';
  // Checked on the encoded length first, so an oversized body is never decoded.
  if ((base64 ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw)) > limit + 2) throw new AppError('BODY_TOO_LARGE', `请求体不得超过 ${limit} 字节`);
  const body = base64 ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (body.length > limit) throw new AppError('BODY_TOO_LARGE', `请求体不得超过 ${limit} 字节`);
  return {
    method: parsed.data.httpMethod.toUpperCase(),
    path: parsed.data.path,
    headers: lowerCased(parsed.data.headers),
    query: parsed.data.queryStringParameters ?? {},
    body,
  };
}

/** What one call came to, for its single audit record. */
export interface HttpOutcome {
  action: string | null;
  code: ErrorCode | null;
  /** The action changed state and recorded its own audit entry in its transaction. */
  audited: boolean;
  detail: Record<string, unknown>;
}

export interface HttpFunctionSpec<G> {
  bodyLimitBytes: number;
  /** Authenticates the request before its body is parsed; its name is the guard in docs/authority.md. */
  guard: (call: HttpCall) => Promise<G>;
  /** Runs after the body validated, before the action (e.g. spends the request's nonce). */
  admit: (granted: G, call: HttpCall) => Promise<void>;
  /** The action is chosen by the body's `type`. `run` answers the result and whether it audited itself. */
  actions: Record<string, { input: z.ZodType<unknown>; run: (input: never, call: HttpCall, granted: G) => Promise<{ result: unknown; audited: boolean; detail: Record<string, unknown> }> }>;
  /** Body fields (strings) copied into the audit record of a refused call. */
  auditKeys: readonly string[];
  /** Writes the call's audit record when the action did not (refusals, replays). */
  audit: (call: HttpCall, granted: G | null, outcome: HttpOutcome) => Promise<void>;
}

const typed = z.looseObject({ type: z.string().min(1).max(64) });

function jsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('BODY_MALFORMED', '请求体不是 JSON');
  }
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Builds the `main` of an HTTP access function: integrated request in, integrated response out,
 * `{ ok, data } | { ok: false, code, message }` as the JSON body, one audit record per call. Only
 * `wx_http` calls are served: the same code invoked any other way (the mini-program, the web SDK,
 * another function) is refused before anything is read.
 */
/** Same shape as defineFunction's result where tests read it: the action table with each action's guard. */
export type HttpCloudFunction = ((event: unknown, context?: CloudContext) => Promise<IntegratedResponse>) & {
  readonly functionName: string;
  readonly actions: Readonly<Record<string, { input: z.ZodType<unknown>; guard: (call: HttpCall) => Promise<unknown>; run: unknown }>>;
};

export function defineHttpFunction<G>(name: string, spec: HttpFunctionSpec<G>): HttpCloudFunction {
  const main = async (event: unknown, context?: CloudContext): Promise<IntegratedResponse> => {
    const requestId = typeof context?.request_id === 'string' ? context.request_id : randomUUID();
    const caller = callerFrom(context);
    // No console role may act here: the integration guard is the only authority (roles are for the admin guard).
    const base: CallContext = { caller, target: { fn: name, action: '(request)' }, roles: [], adminKey: 'absent', now: currentClock().now(), requestId, timeLeftMs: () => 10_000 };
    let call: HttpCall = { ...base, request: { method: '', path: '', headers: {}, query: {}, body: Buffer.alloc(0) } };
    let granted: G | null = null;
    let action: string | null = null;
    // The business keys of the body, once it parsed: every audit record of the call names them.
    let keys: Record<string, unknown> = {};
    try {
      const chain = callChain(caller);
      if (!caller.hasContext || chain.length !== 1 || chain[0] !== HTTP_SOURCE) throw new AppError('FORBIDDEN', 'only HTTP access calls are served');
      call = { ...base, request: readIntegratedRequest(event, spec.bodyLimitBytes) };
      if (call.request.method !== 'POST') throw new AppError('BODY_MALFORMED', 'use POST');
      granted = await spec.guard(call);
      const body = typed.safeParse(jsonBody(call.request.body));
      if (!body.success) throw new AppError('BODY_MALFORMED', '请求体缺少 type');
      action = body.data.type;
      keys = Object.fromEntries(spec.auditKeys.flatMap((key) => (typeof body.data[key] === 'string' && String(body.data[key]).length <= 64 ? [[key, body.data[key]]] : [])));
      const handler = Object.prototype.hasOwnProperty.call(spec.actions, action) ? spec.actions[action] : undefined;
      if (!handler) throw new AppError('BODY_MALFORMED', `unknown type "${action}"`);
      call = { ...call, target: { fn: name, action } };
      const input = handler.input.safeParse(body.data);
      if (!input.success) throw new AppError('INVALID_INPUT', describe(input.error));
      await spec.admit(granted, call);
      const done = await handler.run(input.data as never, call, granted);
      if (!done.audited) await spec.audit(call, granted, { action, code: null, audited: false, detail: done.detail });
      return respond(200, { ok: true, data: done.result }, requestId);
    } catch (error) {
      const known = isAppError(error) ? error : null;
      if (!known) logger.error({ err: error, requestId }, 'unhandled error');
      const code: ErrorCode = known ? known.code : 'INTERNAL';
      await spec.audit(call, granted, { action, code, audited: false, detail: keys });
      const message = known ? known.message : `Internal error (request ${requestId})`;
      return respond(STATUS[code] ?? 400, { ok: false, code, message }, requestId);
    }
  };
  const actions = Object.fromEntries(Object.entries(spec.actions).map(([type, handler]) => [type, { input: handler.input, guard: spec.guard, run: handler.run }]));
  // The action table, with the guard every action passes, is what docs/authority.md is checked against.
  return Object.assign(main, { functionName: name, actions });
}
