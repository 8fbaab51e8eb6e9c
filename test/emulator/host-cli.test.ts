import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { runAdmin } from '../../emulator/cli/admin-command';
import { EmulatorUnreachableError } from '../../emulator/cli/admin-client';
import { FIXTURE_FUNCTIONS_ROOT, startTestEmulator, type TestEmulator } from '../support/emulator';

const REPO_ROOT = resolve(__dirname, '..', '..');
const TSX = resolve(REPO_ROOT, 'node_modules', '.bin', 'tsx');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as `npm run admin -- ...` does (without npm's banner). */
function adminProcess(args: string[]): Promise<CliRun> {
  return new Promise((done) => {
    execFile(TSX, ['emulator/cli/index.ts', 'admin', ...args], { cwd: REPO_ROOT, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Runs the admin command in-process (tsx start-up costs ~1 s a run on this machine). */
async function adminInProcess(first: string, second: string, third: string | undefined, port: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await runAdmin(first, second, third, { port, host: '127.0.0.1' });
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
  it('posts { action, ...json } to the console route and prints the result (real process)', async () => {
    const run = await adminProcess(['--port', port, 'echo', 'createTier', '{"name":"Gold","action":"ignored"}']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, data: { name: 'Gold', action: 'createTier' } });
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
});
