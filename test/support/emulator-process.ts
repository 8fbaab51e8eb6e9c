import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { UnindexedMode } from '../../emulator/database/index-use';
import { EMULATOR_ADMIN_KEY_ENV, newAdminKey, withAdminKey } from '../../emulator/host/admin-key';

const ROOT = resolve(__dirname, '..', '..');
/** The admin key every emulator process started here gets (and callConsole sends), as a console user would know it. */
const ADMIN_KEY = newAdminKey();

export interface EmulatorProcess {
  url: string;
  /** The route token this start printed (console, timer and database routes). */
  token: string;
  child: ChildProcess;
  /** Ends the process the hard way (no flush, no cleanup), as a crash would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));
}

/** Tokens of the processes started here, by host URL, so callConsole(url, ...) needs no extra argument. */
const tokens = new Map<string, string>();

/**
 * Runs `npm start`'s entry point as a separate OS process on a data folder; resolves once it
 * serves. Tests keep strict index mode ('error', through EMULATOR_UNINDEXED_QUERIES); a
 * benchmark may pass 'warn'.
 */
export function startEmulatorProcess(dataDir: string, extraArgs: string[] = [], unindexedQueries: UnindexedMode = 'error'): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/cli.ts', 'start', '--data', dataDir, '--port', '0', '--no-timers', '--no-seed', '--log-level', 'warn', ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, [EMULATOR_ADMIN_KEY_ENV]: ADMIN_KEY, EMULATOR_UNINDEXED_QUERIES: unindexedQueries },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, reject) => {
    let output = '';
    // Generous: on a machine under CPU load (scripts/ci-under-load.sh) start-up alone took over 30 s.
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${output}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /function host\s*:\s*(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      const token = /token\s*:\s*(\S+)/.exec(output);
      if (match && token) {
        clearTimeout(timer);
        tokens.set(match[1], token[1]);
        resolveStart({
          url: match[1],
          token: token[1],
          child,
          kill: async () => {
            child.kill('SIGKILL');
            await exited(child);
          },
          stop: async () => {
            child.kill('SIGTERM');
            await exited(child);
          },
        });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code}:\n${output}`));
    });
  });
}

/** The mini-program's development transport: POST /functions/<name> with the caller's openid. */
export async function callAs(url: string, openid: string, fn: string, event: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${url}/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(event) });
  return ((await res.json()) as { result?: unknown }).result;
}

/** The console stand-in: POST /console/functions/<name>, no identity, with the token that process printed and the admin key in the event. */
export async function callConsole(url: string, fn: string, event: Record<string, unknown>): Promise<unknown> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(url) ?? ''}` };
  const res = await fetch(`${url}/console/functions/${fn}`, { method: 'POST', headers, body: JSON.stringify(withAdminKey(event, ADMIN_KEY)) });
  return ((await res.json()) as { result?: unknown }).result;
}
