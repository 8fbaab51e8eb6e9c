import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { CallSources, type Caller } from './call-source';
import type { Invocation } from './function-host';
import { InvocationError } from './invocation-error';
import { sendFailure, sendJson, sendSuccess } from './http-envelope';
import { DEFAULT_BODY_LIMIT_BYTES, parseEvent, readBody } from './read-body';
import type { StartGate } from './start-gate';
import { HTTP_ACCESS_PREFIX, integratedRequest, matchRoute, sendIntegratedResponse, type HttpAccessRoute } from './http-access';
import { serveStatic, type StaticSite } from './static-site';
import { handleWebGateway } from './web-gateway';
import type { AuthService } from '../auth/auth-service';
import { allowedHostNames, bearerTokenOf, checkHost, checkSameOrigin, tokenMatches, type Refusal } from '../security/route-guard';

export const DEFAULT_HOST_PORT = 3900;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export interface FunctionSummary {
  name: string;
  timeoutSeconds: number;
  timers: { name: string; cron: string }[];
}

/** What the HTTP layer needs from the emulator; it owns no function logic itself. */
export interface HostRoutesTarget {
  listFunctions(): FunctionSummary[];
  call(name: string, event: Record<string, unknown>, caller: Caller): Promise<Invocation>;
  fireTimer(functionName: string, triggerName: string): Promise<Invocation>;
  /** Stands in for WeChat's phone sheet (openapi/phone-number.ts); absent = route not served. */
  issuePhoneCode?(phoneNumber: string): string;
  /** A wx.requestSubscribeMessage result from the dev transport, for the user in x-wx-openid. */
  recordSubscription?(openid: string, result: Record<string, unknown>): unknown;
  /** Messages sent through subscribeMessage.send (console route). */
  outbox?(): unknown[];
  /** 云支付 stand-in: the payer completes or fails a payment (a completed one sends the pay callback). */
  settlePayment?(outTradeNo: string, outcome: 'succeed' | 'fail'): Promise<unknown>;
}

export interface HostServerOptions {
  target: HostRoutesTarget;
  log: Logger;
  host?: string;
  /** 0 = random free port. */
  port?: number;
  /** The routes carry unauthenticated identities: only loopback unless explicitly asked. */
  allowNonLoopback?: boolean;
  bodyLimitBytes?: number;
  /** This start's secret: the console and timer routes need `Authorization: Bearer <token>`. */
  token: string;
  /** Closed while the emulator prepares its data: calls answer EMULATOR_STARTING. */
  gate?: StartGate;
  /** HTTP access routes served under /http (./http-access.ts); none when absent. */
  httpAccess?: { routes: readonly HttpAccessRoute[]; envId: string };
  /** CloudBase Auth and the web SDK's function gateway (web-gateway.ts); absent: not served. */
  auth?: AuthService;
  /** Static website hosting stand-ins (e.g. a web console under /console/). */
  staticSites?: readonly StaticSite[];
}

export interface HostServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.trim() !== '' ? text.trim() : undefined;
}

/** Dev transport: the mini-program's openid comes from a header, as wx.cloud's would from WeChat. */
function shopperFrom(req: IncomingMessage): Caller {
  const openid = header(req, 'x-wx-openid');
  if (!openid) throw new InvocationError('UNAUTHENTICATED', 'header x-wx-openid is required on /functions/<name> (use /console/functions/<name> for calls without identity)');
  const appid = header(req, 'x-wx-appid');
  const unionid = header(req, 'x-wx-unionid');
  return { openid, source: CallSources.miniProgram, ...(appid ? { appid } : {}), ...(unionid ? { unionid } : {}) };
}

type Route =
  | { kind: 'health' }
  | { kind: 'http-access'; path: string }
  | { kind: 'function'; name: string }
  | { kind: 'phone-code' }
  | { kind: 'console-function'; name: string }
  | { kind: 'console-timer'; functionName: string; triggerName: string }
  | { kind: 'subscription' }
  | { kind: 'console-outbox' }
  | { kind: 'console-pay'; outTradeNo: string };

/** Path segments, decoded; a malformed escape (`%E0%A4%A`) is the caller's error, not ours. */
function segmentsOf(pathname: string): string[] {
  try {
    return pathname.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  } catch {
    throw new InvocationError('INVALID_REQUEST', `malformed path ${pathname}: bad percent-encoding`);
  }
}

function routeOf(method: string, pathname: string): Route | undefined {
  const parts = segmentsOf(pathname);
  if (method === 'GET' && pathname === '/health') return { kind: 'health' };
  // HTTP access takes every method, like the platform's domain does.
  if (pathname === HTTP_ACCESS_PREFIX || pathname.startsWith(`${HTTP_ACCESS_PREFIX}/`)) return { kind: 'http-access', path: pathname.slice(HTTP_ACCESS_PREFIX.length) || '/' };
  if (method !== 'POST') return undefined;
  if (parts.length === 2 && parts[0] === 'functions') return { kind: 'function', name: parts[1] };
  if (pathname === '/openapi/phonenumber/code') return { kind: 'phone-code' };
  if (parts.length === 3 && parts[0] === 'console' && parts[1] === 'functions') return { kind: 'console-function', name: parts[2] };
  if (parts.length === 4 && parts[0] === 'console' && parts[1] === 'timers') return { kind: 'console-timer', functionName: parts[2], triggerName: parts[3] };
  if (pathname === '/openapi/subscribe-message/choices') return { kind: 'subscription' };
  if (pathname === '/console/openapi/subscribe-message/outbox') return { kind: 'console-outbox' };
  if (parts.length === 3 && parts[0] === 'console' && parts[1] === 'pay') return { kind: 'console-pay', outTradeNo: parts[2] };
  return undefined;
}

function refuse(refusal: Refusal): void {
  if (refusal) throw new InvocationError('FORBIDDEN', refusal.reason);
}

/**
 * The console and timer routes act with the authority of the CloudBase console: same origin
 * only, and this start's token. The dev transport (/functions/<name>) carries only a shopper
 * identity in the custom x-wx-openid header, which a foreign page cannot send without a CORS
 * preflight this server never grants, so it needs no token: DevTools can call it unchanged.
 */
function guardConsole(req: IncomingMessage, token: string): void {
  refuse(checkSameOrigin(req));
  if (!tokenMatches(bearerTokenOf(req), token)) {
    throw new InvocationError('UNAUTHENTICATED', 'the console and timer routes need "Authorization: Bearer <token>" with the token this emulator printed at start (npm run admin finds it in the data folder)');
  }
}

/**
 * The development transport's stand-in for WeChat's phone sheet: `{ phoneNumber }` in, a
 * single-use code for phonenumber.getPhoneNumber out. Like /functions/<name> it carries a
 * shopper's own identity (x-wx-openid) and needs no token; it mints codes only for this emulator.
 */
async function answerPhoneCode(req: IncomingMessage, res: ServerResponse, options: HostServerOptions): Promise<void> {
  shopperFrom(req);
  const body = parseEvent(await readBody(req, options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES));
  const { issuePhoneCode } = options.target;
  if (!issuePhoneCode) throw new InvocationError('INVALID_REQUEST', 'this emulator issues no phone codes');
  if (typeof body.phoneNumber !== 'string') throw new InvocationError('INVALID_REQUEST', 'phoneNumber (string) is required');
  let code: string;
  try {
    code = issuePhoneCode(body.phoneNumber);
  } catch (error) {
    throw new InvocationError('INVALID_REQUEST', (error as Error).message);
  }
  sendJson(res, 200, { code });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HostServerOptions, hosts: ReadonlySet<string>): Promise<void> {
  const { target } = options;
  refuse(checkHost(req, hosts));
  const pathname = new URL(req.url ?? '/', 'http://host').pathname;
  const route = routeOf(req.method ?? 'GET', pathname);
  // The host's own routes first: a site under /console/ must not shadow /console/functions/<name>.
  if (!route && options.staticSites && serveStatic(options.staticSites, req.method ?? 'GET', pathname, res, String(req.headers['accept-encoding'] ?? ''))) {
    req.resume();
    return;
  }
  if (!route && options.auth && (await handleWebGateway(req, res, pathname, { auth: options.auth, call: target.call, gate: options.gate, bodyLimitBytes: options.bodyLimitBytes }))) return;
  if (!route) {
    req.resume();
    sendJson(res, 404, { errCode: -1, errMsg: `no route ${req.method} ${pathname}`, code: 'NO_ROUTE' });
    return;
  }
  if (route.kind === 'health') {
    sendJson(res, 200, { ok: true, status: options.gate?.status ?? 'ready', functions: target.listFunctions() });
    return;
  }
  if (route.kind === 'phone-code') {
    await answerPhoneCode(req, res, options);
    return;
  }
  if (route.kind === 'http-access') {
    await serveHttpAccess(req, res, route.path, options);
    return;
  }
  if (route.kind !== 'function' && route.kind !== 'subscription') guardConsole(req, options.token);
  options.gate?.pass();
  if (route.kind === 'subscription' || route.kind === 'console-outbox') {
    await answerSubscriptionRoute(req, res, route.kind, options);
    return;
  }
  const event = parseEvent(await readBody(req, options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES));
  if (route.kind === 'console-pay') {
    if (!target.settlePayment) throw new InvocationError('FUNCTION_NOT_FOUND', 'no payment API is emulated');
    const outcome = event.outcome === 'fail' ? 'fail' : 'succeed';
    const settled = await target.settlePayment(route.outTradeNo, outcome).catch((error: unknown) => {
      throw new InvocationError('INVALID_REQUEST', error instanceof Error ? error.message : String(error));
    });
    sendSuccess(res, settled, `pay_${route.outTradeNo}`);
    return;
  }
  let invocation: Invocation;
  if (route.kind === 'function') invocation = await target.call(route.name, event, shopperFrom(req));
  else if (route.kind === 'console-function') invocation = await target.call(route.name, event, { source: CallSources.console });
  else invocation = await target.fireTimer(route.functionName, route.triggerName);
  sendSuccess(res, invocation.result, invocation.requestId);
}

/**
 * Subscription messages: in the cloud WeChat itself sees the user's choice in
 * wx.requestSubscribeMessage; locally the dev transport forwards that same result here (with the
 * user's x-wx-openid), which feeds the quota subscribeMessage.send consumes. The console route lists
 * the outbox.
 */
async function answerSubscriptionRoute(req: IncomingMessage, res: ServerResponse, kind: 'subscription' | 'console-outbox', options: HostServerOptions): Promise<void> {
  const event = parseEvent(await readBody(req, options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES));
  if (kind === 'console-outbox') {
    sendSuccess(res, { messages: options.target.outbox?.() ?? [] }, 'outbox');
    return;
  }
  const openid = shopperFrom(req).openid ?? '';
  sendSuccess(res, options.target.recordSubscription?.(openid, event) ?? { accepted: [] }, 'subscription');
}

/**
 * An HTTP access request: public like the platform's domain (no token, no identity), answered with
 * what the function returns (./http-access.ts). A path no route serves is a 404, as on the platform.
 */
async function serveHttpAccess(req: IncomingMessage, res: ServerResponse, path: string, options: HostServerOptions): Promise<void> {
  const route = options.httpAccess ? matchRoute(options.httpAccess.routes, path) : undefined;
  if (!route || !options.httpAccess) {
    req.resume();
    sendJson(res, 404, { errCode: -1, errMsg: `no HTTP access route for ${path}`, code: 'NO_ROUTE' });
    return;
  }
  options.gate?.pass();
  const url = new URL(req.url ?? '/', 'http://host');
  const body = await readBody(req, options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES);
  const event = integratedRequest(req, path, url.searchParams, body, options.httpAccess.envId);
  sendIntegratedResponse(res, await options.target.call(route.function, event as unknown as Record<string, unknown>, { source: CallSources.http }));
}

/** Serves the function host over HTTP: dev transport, console stand-in and health. */
export function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host) && !options.allowNonLoopback) {
    return Promise.reject(new Error(`refusing to bind the function host to ${host}: it trusts identity headers, so it listens on loopback only unless allowNonLoopback is set`));
  }
  const hosts = allowedHostNames(host);
  const server = createServer((req, res) => {
    handle(req, res, options, hosts).catch((error: unknown) => {
      if (!(error instanceof InvocationError)) options.log.error({ err: error }, 'host request failed');
      // Refused before the body was read: drain it so the connection can carry the answer.
      if (!(error instanceof InvocationError && error.code === 'PAYLOAD_TOO_LARGE')) req.resume();
      if (error instanceof InvocationError && error.code === 'EMULATOR_STARTING') res.setHeader('retry-after', '5');
      if (!res.headersSent) sendFailure(res, error);
    });
  });
  const port = options.port ?? DEFAULT_HOST_PORT;
  return new Promise((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException): void => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is in use (another emulator running? choose one with --port)`) : error);
    };
    server.once('error', refuse);
    server.listen(port, host, () => {
      server.off('error', refuse);
      const bound = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${bound}`,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
