import { EMULATOR_ADMIN_KEY_ENV, withAdminKey } from '../host/admin-key';
import { DEFAULT_HOST_PORT } from '../host/http-server';
import { postToConsole } from './admin-client';
import { adminKeyPath, readAdminKeyFile } from './admin-key-file';

export interface AdminOptions {
  port: string;
  host: string;
  /** The emulator's admin key; default EMULATOR_ADMIN_KEY, else the file `npm start` wrote for the port. */
  adminKey?: string;
}

/** Function calls need the admin key, as a console test invocation does; firing a timer does not (the timer is the caller). */
function adminKeyFor(options: AdminOptions, port: string): string {
  const key = options.adminKey ?? process.env[EMULATOR_ADMIN_KEY_ENV] ?? readAdminKeyFile(port);
  if (!key) throw new Error(`no admin key for an emulator on port ${port} (is it running? "npm start" writes its key to ${adminKeyPath(port)}; a script can set ${EMULATOR_ADMIN_KEY_ENV} for both sides)`);
  return key;
}

function parsePayload(json: string | undefined): Record<string, unknown> {
  if (json === undefined || json.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`payload is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('payload must be a JSON object');
  return parsed as Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A function's own failure envelope `{ ok: false, code, message }`. */
function isFailureEnvelope(value: unknown): boolean {
  return isObject(value) && value.ok === false;
}

/**
 * `npm run admin -- <function> <action> [json]` posts `{ action, ...json, adminKey }` to the console route;
 * `npm run admin -- timer <function> <trigger>` fires a timer now. Returns the exit code.
 */
export async function runAdmin(first: string, second: string, third: string | undefined, options: AdminOptions): Promise<number> {
  const port = options.port || String(DEFAULT_HOST_PORT);
  const baseUrl = `http://${options.host}:${port}`;
  const isTimer = first === 'timer';
  if (isTimer && !third) throw new Error('usage: npm run admin -- timer <function> <trigger>');
  const path = isTimer
    ? `/console/timers/${encodeURIComponent(second)}/${encodeURIComponent(third ?? '')}`
    : `/console/functions/${encodeURIComponent(first)}`;
  const event = isTimer ? {} : withAdminKey({ ...parsePayload(third), action: second }, adminKeyFor(options, port));
  const answer = await postToConsole(baseUrl, path, event);

  if (answer.status !== 200 || !isObject(answer.body) || !('result' in answer.body)) {
    const message = isObject(answer.body) && typeof answer.body.errMsg === 'string' ? answer.body.errMsg : JSON.stringify(answer.body);
    process.stderr.write(`error (HTTP ${answer.status}): ${message}\n`);
    return 1;
  }
  const result = answer.body.result;
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  if (isFailureEnvelope(result)) {
    const failure = result as Record<string, unknown>;
    process.stderr.write(`function answered with an error: ${String(failure.code)}: ${String(failure.message)}\n`);
    return 1;
  }
  return 0;
}
