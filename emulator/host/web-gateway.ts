import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthService } from '../auth/auth-service';
import { bearerTokenOf, checkSameOrigin } from '../security/route-guard';
import { CallSources, type Caller } from './call-source';
import type { Invocation } from './function-host';
import { sendJson } from './http-envelope';
import { InvocationError } from './invocation-error';
import { DEFAULT_BODY_LIMIT_BYTES, parseEvent, readBody } from './read-body';
import type { StartGate } from './start-gate';

/**
 * What `@cloudbase/js-sdk` 3.x reaches on the emulator's host once pointed at it with
 * `app.registerHost(host, 'http')` (app/src/index.ts: CLOUD_API → //host/web, GATEWAY → //host/v1):
 *  - Auth v1 under /auth/ (auth-service.ts), the oauth module's apiOrigin being that host;
 *  - `app.callFunction({ name, data })`, which in the SDK's default GATEWAY mode is
 *    `request.gateWay({ path: 'functions', name })`: POST /v1/functions/<name>, JSON body = data,
 *    `Authorization: Bearer <access_token>`. The answer is the function's return value as JSON;
 *    a failure is a non-2xx `{ code, message, requestId }` (the web adapter rejects with that
 *    body; `ACCESS_TOKEN_EXPIRED` makes the SDK refresh its token and retry once).
 * The function sees source `web_client` and the account's uid (TCB_UUID). Same origin only: the
 * console page is served by this host; the cloud's CORS list of "安全域名" has no local equivalent.
 */
export interface WebGatewayDeps {
  auth: AuthService;
  call(name: string, event: Record<string, unknown>, caller: Caller): Promise<Invocation>;
  gate?: StartGate;
  bodyLimitBytes?: number;
}

function gatewayError(res: ServerResponse, status: number, code: string, message: string, requestId?: string): void {
  sendJson(res, status, { code, message, ...(requestId ? { requestId } : {}) });
}

/** Handles /auth/** and /v1/functions/<name>; false when the path is neither. */
export async function handleWebGateway(req: IncomingMessage, res: ServerResponse, pathname: string, deps: WebGatewayDeps): Promise<boolean> {
  const method = req.method ?? 'GET';
  const isAuth = pathname.startsWith('/auth/');
  const fn = /^\/v1\/functions\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (!isAuth && !fn) return false;
  const requestId = String(req.headers['x-request-id'] ?? '') || undefined;
  const refusal = checkSameOrigin(req);
  if (refusal) {
    req.resume();
    if (isAuth) sendJson(res, 403, { error: 'permission_denied', error_description: refusal.reason });
    else gatewayError(res, 403, 'PERMISSION_DENIED', refusal.reason, requestId);
    return true;
  }
  const accessToken = bearerTokenOf(req);
  const limit = deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  if (isAuth) {
    const body = method === 'GET' || method === 'HEAD' ? {} : parseEvent(await readBody(req, limit));
    if (method === 'GET') req.resume();
    const answer = deps.auth.handle(method, pathname, body, accessToken);
    sendJson(res, answer?.status ?? 404, answer?.body ?? { error: 'not_found', error_description: pathname });
    return true;
  }
  if (method !== 'POST') {
    req.resume();
    gatewayError(res, 405, 'INVALID_REQUEST', 'functions are called with POST', requestId);
    return true;
  }
  const account = deps.auth.accountOf(accessToken);
  if (account === 'expired') {
    req.resume();
    gatewayError(res, 401, 'ACCESS_TOKEN_EXPIRED', 'access token expired', requestId);
    return true;
  }
  if (account === null) {
    req.resume();
    gatewayError(res, 401, 'INVALID_ACCESS_TOKEN', 'sign in first: Authorization: Bearer <access_token> is missing or unknown', requestId);
    return true;
  }
  try {
    deps.gate?.pass();
    const event = parseEvent(await readBody(req, limit));
    const invocation = await deps.call(fn![1], event, { source: CallSources.webClient, uid: account.uid });
    sendJson(res, 200, invocation.result ?? null);
  } catch (error) {
    req.resume();
    const known = error instanceof InvocationError ? error : new InvocationError('FUNCTION_FAILED', (error as Error)?.message ?? String(error));
    gatewayError(res, known.httpStatus, known.code, known.message, known.requestId ?? requestId);
  }
  return true;
}
