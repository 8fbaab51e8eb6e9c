/** Talks to a running emulator's console routes (the local stand-in for the CloudBase console). */
import { resolve } from 'node:path';
import { DEFAULT_HOST_PORT } from '../host/http-server';
import { EMULATOR_ADMIN_KEY_ENV } from '../host/admin-key';
import { readRunFile } from './run-file';

export class EmulatorUnreachableError extends Error {
  constructor(url: string) {
    super(`the emulator is not running at ${url} (start it with "npm start", or pass --port)`);
    this.name = 'EmulatorUnreachableError';
  }
}

export interface ConsoleAnswer {
  status: number;
  body: unknown;
}

export interface ConsoleTarget {
  baseUrl: string;
  token: string | undefined;
  /** The functions' admin key, which console calls carry in their event (../host/admin-key.ts). */
  adminKey: string | undefined;
}

export interface ConsoleTargetOptions {
  port?: string;
  host?: string;
  /** The running emulator's data folder, where it left its token (default `.data`). */
  data?: string;
  token?: string;
  adminKey?: string;
}

/**
 * Where the console is, its token and the admin key: --token / --admin-key, else EMULATOR_TOKEN /
 * EMULATOR_ADMIN_KEY, else the run file the emulator wrote in its data folder (when it serves the same port).
 */
export function consoleTarget(options: ConsoleTargetOptions): ConsoleTarget {
  const baseUrl = `http://${options.host ?? '127.0.0.1'}:${options.port || DEFAULT_HOST_PORT}`;
  const run = readRunFile(resolve(options.data ?? '.data'));
  const sameRun = run && new URL(run.url).port === new URL(baseUrl).port ? run : undefined;
  return {
    baseUrl,
    token: options.token ?? process.env.EMULATOR_TOKEN ?? sameRun?.token,
    adminKey: options.adminKey ?? process.env[EMULATOR_ADMIN_KEY_ENV] ?? sameRun?.adminKey,
  };
}

export async function postToConsole(target: ConsoleTarget, path: string, event: Record<string, unknown>): Promise<ConsoleAnswer> {
  let response: Response;
  try {
    response = await fetch(`${target.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) },
      body: JSON.stringify(event),
    });
  } catch {
    throw new EmulatorUnreachableError(target.baseUrl);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: report the raw text
  }
  return { status: response.status, body };
}
