// HTTP wiring of the local CloudBase database endpoint. The real
// @cloudbase/node-sdk posts every database call to `<URL>?env=..&seqId=..`
// where URL comes from TCB_CONTEXT_CNFG (see sdk-env.ts). The request is
// signed with the placeholder secrets; the emulator does not check signatures.
// Every answer is HTTP 200 with a JSON body: the SDK throws a TcbError
// carrying `code`/`message` when the body has a `code` (errors.ts).

import * as http from 'http';
import type { AddressInfo } from 'net';
import { runAction, actionKind } from './actions';
import { DbError, ErrorCodes, invalidParam, toDbError } from './errors';
import { IndexUse, type UnindexedMode, type UnindexedQuery } from './index-use';
import { loadIndexCatalog } from './indexes';
import { MAX_REQUEST_BYTES, requestTooLarge } from './limits';
import { Operations } from './operations';
import { isPlainObject, type JsonObject } from './protocol';
import { RequestStats } from './stats';
import { Store } from './store';
import { TransactionManager } from './transactions';
import { isOpenApiAction, isRawOpenApiAction, type OpenApiRegistry } from '../openapi/registry';
import { allowedHostNames, checkHost, checkSameOrigin, tokenMatches } from '../security/route-guard';

export { RequestStats } from './stats';

export interface DatabaseServerOptions {
  dataDir?: string | null; // folder for the SQLite file; null/undefined = in-memory (tests)
  port?: number; // 0 = random free port (default 0)
  host?: string; // default '127.0.0.1'
  indexesFile?: string; // the project's index declarations; absent = nothing declared
  /**
   * When set, the endpoint is `/<routeToken>/admin` and every other path is refused: the
   * node-sdk keeps the path of TCB_CONTEXT_CNFG.URL (it appends only `?env=..&seqId=..`),
   * so functions reach it unchanged while a page that guesses the port cannot.
   */
  routeToken?: string;
  /**
   * The same endpoint is also served at `…/inspect/admin` (with the route token when set): the
   * inspection channel, an emulator-only testing aid. Requests there run exactly as on `/admin`
   * but are never judged for index use, so a test's own checks (`orders` by `orderNo`, …) do
   * not trip strict mode while the functions under test are held to it. Not a cloud feature.
   */
  /** Optional per-request log sink (quiet when absent). */
  log?: (line: string) => void;
  /** Sink for warnings a developer should see (unindexed queries); default: `log`. */
  warn?: (line: string) => void;
  /**
   * Queries no declared index serves (index-use.ts): 'warn' logs and records them (default),
   * 'error' refuses them, 'off' ignores them. Default from EMULATOR_UNINDEXED_QUERIES, else 'warn'.
   */
  unindexedQueries?: UnindexedMode;
  /** Clock for transaction lifetimes (tests step it past 30 s); default Date.now. */
  now?: () => number;
  /** The open APIs (`wx.*` actions) served beside the database; absent = none emulated. */
  openApi?: OpenApiRegistry;
}

export interface DatabaseServer {
  url: string; // e.g. http://127.0.0.1:45678/admin — the value for TCB_CONTEXT_CNFG.URL
  /** The inspection channel (…/inspect/admin): for tests' own reads; no index-use judgement. */
  inspectUrl: string;
  port: number;
  stats: RequestStats; // counters: reads, writes, transactions, per action name; resettable
  /** Filters seen that no declared index serves (one entry per collection, call and field set). */
  unindexedQueries(): readonly UnindexedQuery[];
  close(): Promise<void>; // stops HTTP and closes the SQLite handle (durable files flushed)
}

/** Internals for tests and tools (EXPLAIN, transaction counters); not part of the wire API. */
export interface DatabaseServerInternals {
  store: Store;
  transactions: TransactionManager;
}

const internals = new WeakMap<DatabaseServer, DatabaseServerInternals>();

export function internalsOf(server: DatabaseServer): DatabaseServerInternals {
  const i = internals.get(server);
  if (!i) throw new Error('not a database server started by startDatabaseServer()');
  return i;
}


let requestSeq = 0;
const newRequestId = (): string => `emu_${Date.now().toString(36)}_${(++requestSeq).toString(36)}`;

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) {
        // Answer the error, and read (discard) the rest so the client gets that answer.
        chunks.length = 0;
        req.off('data', onData);
        req.resume();
        reject(requestTooLarge());
      } else chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The SDK's multipart calls (`wx.openApi`, `wx.wxPayApi`: `isFormData`, node-sdk wx/index.ts) send
 * their fields as form parts; `requestData` is a Buffer the caller filled (JSON text for cloudPay.*).
 * Parsed with the runtime's own fetch Response, then handled like the JSON envelope.
 */
async function parseMultipart(raw: Buffer, contentType: string): Promise<{ action: string; body: JsonObject }> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw invalidParam('multipart request body could not be read');
  }
  const body: JsonObject = {};
  const parts: Array<Promise<void>> = [];
  form.forEach((value, key) => {
    parts.push(typeof value === 'string' ? Promise.resolve(void (body[key] = value)) : value.arrayBuffer().then((bytes) => void (body[key] = Buffer.from(bytes).toString('utf8'))));
  });
  await Promise.all(parts);
  if (typeof body.action !== 'string' || body.action === '') throw invalidParam('action is required');
  return { action: body.action, body };
}

function parseRequest(text: string): { action: string; body: JsonObject } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidParam('request body is not JSON');
  }
  if (!isPlainObject(body)) throw invalidParam('request body must be a JSON object');
  if (typeof body.action !== 'string' || body.action === '') throw invalidParam('action is required');
  return { action: body.action, body };
}

function unindexedModeFromEnv(): UnindexedMode {
  const v = process.env.EMULATOR_UNINDEXED_QUERIES;
  return v === 'off' || v === 'error' ? v : 'warn';
}

export async function startDatabaseServer(opts: DatabaseServerOptions = {}): Promise<DatabaseServer> {
  const catalog = opts.indexesFile === undefined ? new Map() : loadIndexCatalog(opts.indexesFile);
  const store = new Store(opts.dataDir ?? null, catalog);
  const indexUse = new IndexUse(store, opts.unindexedQueries ?? unindexedModeFromEnv(), opts.warn ?? opts.log);
  const ops = new Operations(store, indexUse);
  const inspectionOps = new Operations(store);
  const transactions = new TransactionManager(store, undefined, opts.now);
  const stats = new RequestStats();
  const log = opts.log;

  const host = opts.host ?? '127.0.0.1';
  const hosts = allowedHostNames(host);
  const prefix = opts.routeToken === undefined ? '' : `/${opts.routeToken}`;
  /** Which channel a path names: the functions' endpoint, the tests' inspection channel, or none. */
  const channelOf = (pathname: string): 'admin' | 'inspect' | undefined => {
    const parts = pathname.split('/').slice(1);
    if (opts.routeToken !== undefined) {
      const token = parts.shift();
      if (!tokenMatches(token, opts.routeToken)) return undefined;
    }
    const rest = parts.join('/');
    return rest === 'admin' ? 'admin' : rest === 'inspect/admin' ? 'inspect' : undefined;
  };
  const routeRefusal = (pathname: string): { reason: string } | undefined =>
    opts.routeToken === undefined || channelOf(pathname) !== undefined ? undefined : { reason: 'the database route needs this start\'s token in its path (TCB_CONTEXT_CNFG.URL)' };
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const requestId = newRequestId();
    let answer: JsonObject;
    let action = '(none)';
    try {
      const pathname = new URL(req.url ?? '/', 'http://local').pathname;
      const refusal = checkHost(req, hosts) ?? checkSameOrigin(req) ?? routeRefusal(pathname);
      if (refusal) {
        req.resume();
        res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'PERMISSION_DENIED', message: `emulator: ${refusal.reason}` }));
        return;
      }
      const channel = channelOf(pathname);
      if (req.method !== 'POST' || channel === undefined) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'NOT_FOUND', message: 'POST /admin (or /inspect/admin) only' }));
        return;
      }
      const raw = await readBody(req);
      const contentType = req.headers['content-type'] ?? '';
      const parsed = contentType.startsWith('multipart/form-data') ? await parseMultipart(raw, contentType) : parseRequest(raw.toString('utf8'));
      action = parsed.action;
      stats.record(action, actionKind(action));
      if (isOpenApiAction(action)) {
        if (!opts.openApi) throw invalidParam(`${action}: no open API is emulated on this endpoint`);
        answer = { requestId, ...(await opts.openApi.answer(action, parsed.body)) };
        if (isRawOpenApiAction(action)) {
          // The SDK reads these answers as raw bytes (`type: 'raw'`): WeChat's answer itself, not the envelope.
          const data = answer.data as { responseData: string };
          if (log) log(`[db] ${action} ok`);
          res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(data.responseData);
          return;
        }
      } else {
        const result = runAction(action, parsed.body, { ops: channel === 'inspect' ? inspectionOps : ops, tx: transactions });
        stats.docsRead += result.docsRead ?? 0;
        stats.docsWritten += result.docsWritten ?? 0;
        answer = { requestId, ...result.payload };
      }
    } catch (err) {
      const e: DbError = toDbError(err);
      stats.errors++;
      if (e.code === ErrorCodes.SYS_ERR && log) log(`[db] ${action} internal error: ${(err as Error).stack ?? String(err)}`);
      answer = { requestId, code: e.code, message: e.message };
    }
    if (log) log(`[db] ${action} ${typeof answer.code === 'string' ? `${answer.code}: ${String(answer.message)}` : 'ok'}`);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
  };

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  const db: DatabaseServer = {
    url: `http://${host}:${port}${prefix}/admin`,
    inspectUrl: `http://${host}:${port}${prefix}/inspect/admin`,
    port,
    stats,
    unindexedQueries: () => [...indexUse.unindexed],
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        // The SDK keeps connections alive; drop them so close() does not wait.
        server.closeAllConnections();
      });
      return closed;
    },
  };
  internals.set(db, { store, transactions });
  return db;
}
