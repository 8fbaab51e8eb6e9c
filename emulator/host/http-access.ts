import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Invocation } from './function-host';
import { InvocationError } from './invocation-error';

/**
 * CloudBase's HTTP access service (HTTP 访问服务): a path on the environment's domain is bound to a
 * function ("触发路径"), and each request becomes the function's event, the "集成请求"
 * (https://docs.cloudbase.net/service/access-cloud-function, 如何使用云函数处理 HTTP 请求):
 *   { path, httpMethod, headers, queryStringParameters, requestContext, body, isBase64Encoded }
 * with "如果 HTTP 请求包体是二进制数据，则包体内容会被处理成 Base64 编码的字符串，此时该值为 true". The
 * return value becomes the response: a string as text/plain, an object as JSON, and an object
 * carrying `statusCode` (the "集成响应" `{ statusCode, headers, body, isBase64Encoded }`) as that
 * status, headers and body. The call's TCB_SOURCE is `wx_http`.
 *
 * The routes come from one checked-in file (the product's `cloudfunctions/http-access.json`), the
 * same file the deploy plan reads (`tcb service create -p <path> -f <function>`). Locally the
 * domain is the host's `/http` prefix: `POST http://127.0.0.1:3900/http/orders` is the cloud's
 * `POST https://<env>.service.tcloudbase.com/orders`; the function sees `path: '/orders'`.
 */
export const HTTP_ACCESS_PREFIX = '/http';

export interface HttpAccessRoute {
  /** Trigger path: `/` or `/segment[/segment…]`. */
  path: string;
  function: string;
}

const routesFile = z.strictObject({
  $comment: z.unknown().optional(),
  routes: z.array(z.strictObject({ path: z.string().regex(/^\/([A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*)?$/, 'a trigger path is / or /segments of letters, digits, - and _'), function: z.string().min(1) })),
});

export function readHttpAccessRoutes(file: string, functionNames: readonly string[]): HttpAccessRoute[] {
  const parsed = routesFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const seen = new Set<string>();
  for (const route of parsed.data.routes) {
    if (!functionNames.includes(route.function)) throw new Error(`${file}: route ${route.path} names function "${route.function}", which does not exist`);
    if (seen.has(route.path)) throw new Error(`${file}: route ${route.path} is declared twice`);
    seen.add(route.path);
  }
  return parsed.data.routes;
}

/**
 * The route serving `path`: the longest trigger path that equals it or is a whole-segment prefix
 * of it (`/orders` serves `/orders` and `/orders/v1`, not `/ordersx`).
 */
export function matchRoute(routes: readonly HttpAccessRoute[], path: string): HttpAccessRoute | undefined {
  const fits = (route: HttpAccessRoute) => route.path === '/' || path === route.path || path.startsWith(`${route.path}/`);
  return [...routes].filter(fits).sort((a, b) => b.path.length - a.path.length)[0];
}

const TEXTUAL = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+(json|xml))/i;

/** Binary bodies travel base64-encoded; text (and a body without a content type) as it came. */
function isTextual(contentType: string | undefined): boolean {
  return contentType === undefined || TEXTUAL.test(contentType.trim());
}

export interface IntegratedRequestEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters: Record<string, string>;
  requestContext: { requestId: string; envId: string; appId: number; uin: number };
  body: string;
  isBase64Encoded: boolean;
}

export function integratedRequest(req: IncomingMessage, path: string, query: URLSearchParams, body: Buffer, envId: string): IntegratedRequestEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.join(',');
    multiValueHeaders[name] = values;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of query) queryStringParameters[name] = value;
  const textual = isTextual(headers['content-type']);
  return {
    path,
    httpMethod: (req.method ?? 'GET').toUpperCase(),
    headers,
    multiValueHeaders,
    queryStringParameters,
    // appId and uin are the Tencent Cloud account's; the emulator has none.
    requestContext: { requestId: randomUUID(), envId, appId: 0, uin: 0 },
    body: textual ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: !textual,
  };
}

const integratedResponse = z.looseObject({
  statusCode: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
});

/** Writes the function's return value as the platform would (see the module comment). */
export function sendIntegratedResponse(res: ServerResponse, invocation: Invocation): void {
  const result = invocation.result;
  const requestHeader = { 'x-cloudbase-request-id': invocation.requestId };
  const shaped = typeof result === 'object' && result !== null && 'statusCode' in result ? integratedResponse.safeParse(result) : null;
  if (shaped?.success) {
    const body = shaped.data.isBase64Encoded ? Buffer.from(shaped.data.body ?? '', 'base64') : Buffer.from(shaped.data.body ?? '', 'utf8');
    res.writeHead(shaped.data.statusCode, { ...requestHeader, ...shaped.data.headers, 'content-length': body.length });
    res.end(body);
    return;
  }
  if (shaped && !shaped.success) throw new InvocationError('FUNCTION_FAILED', 'the function returned an integrated response with an invalid statusCode, headers or body');
  const asText = typeof result === 'string' || typeof result === 'number';
  const body = Buffer.from(asText ? String(result) : JSON.stringify(result ?? null), 'utf8');
  res.writeHead(200, { ...requestHeader, 'content-type': asText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}
