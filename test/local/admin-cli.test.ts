import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeRunFile } from 'cloudbase-local-emulator/cli/run-file';
import { runAdmin } from '../../local/admin-command';
import { EmulatorUnreachableError } from 'cloudbase-local-emulator/cli/admin-client';
import { FIXTURE_FUNCTIONS_ROOT, startTestEmulator, type TestEmulator } from '../support/emulator';

const REPO_ROOT = resolve(__dirname, '..', '..');
const TSX = resolve(REPO_ROOT, 'node_modules', '.bin', 'tsx');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as `npm run admin -- ...` does (without npm's banner). */
function adminProcess(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(TSX, ['local/cli.ts', 'admin', ...args], { cwd: REPO_ROOT, timeout: 20_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Runs the admin command in-process (tsx start-up costs ~1 s a run on this machine). */
async function adminInProcess(first: string, second: string, third: string | undefined, port: string, access: { token?: string; adminKey?: string; data?: string } = { token: emu.emulator.token, adminKey: emu.emulator.adminKey }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await runAdmin(first, second, third, { port, host: '127.0.0.1', ...access });
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

let emu: TestEmulator;
let port: string;

beforeAll(async () => {
  emu = await startTestEmulator({ functionsRoot: FIXTURE_FUNCTIONS_ROOT });
  port = new URL(emu.hostUrl).port;
});
afterAll(async () => {
  await emu.close();
});

describe('admin CLI', () => {
  it('posts { action, ...json, adminKey } to the console route and prints the result (real process)', async () => {
    const run = await adminProcess(['--port', port, 'echo', 'createTier', '{"name":"Gold","action":"ignored","adminKey":"forged"}'], {
      EMULATOR_TOKEN: emu.emulator.token,
      EMULATOR_ADMIN_KEY: emu.emulator.adminKey,
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    // echo answers with its whole event: the console's event carries the emulator's key, not the payload's.
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, data: { name: 'Gold', action: 'createTier', adminKey: emu.emulator.adminKey } });
  }, 20_000);

  it('exits non-zero on an error envelope', async () => {
    const run = await adminInProcess('echo', 'fail', undefined, port);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DEMO_FAILURE: asked to fail');
  });

  it('exits non-zero on a platform error (unknown function)', async () => {
    const run = await adminInProcess('nope', 'ping', undefined, port);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HTTP 404');
  });

  it('fires a timer', async () => {
    const run = await adminInProcess('timer', 'ticker', 'everySecond', port);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ recorded: expect.any(Number) });
  });

  it('says so when the emulator is not running', async () => {
    await expect(adminInProcess('echo', 'ping', undefined, '1')).rejects.toThrow(EmulatorUnreachableError);
    await expect(adminInProcess('echo', 'ping', undefined, '1')).rejects.toThrow('not running at http://127.0.0.1:1');
  });

  it('rejects a payload that is not a JSON object', async () => {
    await expect(adminInProcess('echo', 'ping', '[1]', port)).rejects.toThrow('payload must be a JSON object');
  });

  it('finds the token and the admin key the emulator left in its data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'admin-token-'));
    try {
      writeRunFile(dataDir, { url: emu.hostUrl, token: emu.emulator.token, adminKey: emu.emulator.adminKey, pid: process.pid });
      const run = await adminInProcess('echo', 'ping', undefined, port, { data: dataDir });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ data: { adminKey: emu.emulator.adminKey } });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('is refused without the token (the console route needs it)', async () => {
    const saved = process.env.EMULATOR_TOKEN;
    delete process.env.EMULATOR_TOKEN;
    try {
      const run = await adminInProcess('echo', 'ping', undefined, port, { adminKey: emu.emulator.adminKey, data: join(tmpdir(), 'no-such-emulator-data') });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('HTTP 401');
      const wrong = await adminInProcess('echo', 'ping', undefined, port, { token: 'not-the-token', adminKey: emu.emulator.adminKey });
      expect(wrong.stderr).toContain('HTTP 401');
    } finally {
      if (saved !== undefined) process.env.EMULATOR_TOKEN = saved;
    }
  });

  it('refuses a function call without an admin key (a console call must prove itself)', async () => {
    const saved = process.env.EMULATOR_ADMIN_KEY;
    delete process.env.EMULATOR_ADMIN_KEY;
    try {
      await expect(adminInProcess('echo', 'ping', undefined, port, { token: emu.emulator.token, data: join(tmpdir(), 'no-such-emulator-data') })).rejects.toThrow('no admin key');
    } finally {
      if (saved !== undefined) process.env.EMULATOR_ADMIN_KEY = saved;
    }
  });

  it("--list prints a function's actions with their guard and input shape, from its zod schemas (real process)", async () => {
    const run = await adminProcess(['staff', '--list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^staff: \d+ actions/);
    expect(run.stdout).toMatch(/recordPurchase\s+staff\s+\{ sessionId: string\S*, orderNo: string\S*, amountFen: integer\S* \}/);
    const json = await adminProcess(['admin', '--list', '--json']);
    const actions = JSON.parse(json.stdout) as Array<{ name: string; guard: string; input: { type?: string } }>;
    expect(actions.find((a) => a.name === 'upsertStore')).toMatchObject({ guard: 'admin', input: { type: 'object' } });
  }, 30_000);
});
