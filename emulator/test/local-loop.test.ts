import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runStart } from '../cli/start-command';
import { startEmulator, type Emulator } from '../index';
import { FIXTURE_FUNCTIONS_ROOT, quietLogger } from './support/emulator';

// The emulator's own CLI as a separate process (`cloudbase-local-emulator start`), and the
// start gate through the HTTP host. Waits poll for an outcome; nothing asserts a duration.

const CLI = resolve(__dirname, '..', 'cli', 'index.ts');

interface Running {
  child: ChildProcess;
  url: string;
  output(): string;
}

function startCli(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', '--port', '0', '--no-timers', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`emulator did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /function host\s*:\s*(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match && /is ready/.test(output)) {
        clearTimeout(timer);
        done({ child, url: match[1], output: () => output });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`emulator exited with ${code}:\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => (child.exitCode !== null ? done(child.exitCode) : child.once('exit', (code) => done(code))));
}

async function callAs(url: string, name: string): Promise<unknown> {
  const res = await fetch(`${url}/functions/${name}`, { method: 'POST', headers: { 'x-wx-openid': 'o-watch' }, body: '{}' });
  return ((await res.json()) as { result?: unknown }).result;
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Ctrl+C', () => {
  it('checkpoints and closes the database: the data folder is one file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emu-stop-'));
    try {
      const emu = await startCli(['--data', dataDir, '--functions', FIXTURE_FUNCTIONS_ROOT]);
      await expect(callAs(emu.url, 'dbping')).resolves.toMatchObject({ total: 1 });
      expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['database.sqlite', 'emulator-run.json']));
      emu.child.kill('SIGINT');
      expect(await exited(emu.child)).toBe(0);
      expect(readdirSync(dataDir)).toEqual(['database.sqlite']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('--watch', () => {
  it('reloads a function after its code (or shared code it imports) changes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'emu-watch-'));
    const fn = join(root, 'hello');
    mkdirSync(fn);
    mkdirSync(join(root, 'shared'));
    writeFileSync(join(fn, 'config.json'), '{}');
    writeFileSync(join(root, 'shared', 'word.ts'), "export const word = 'one';\n");
    writeFileSync(join(fn, 'index.ts'), "import { word } from '../shared/word';\nexport async function main() { return { version: 1, word }; }\n");
    const emu = await startCli(['--memory', '--functions', root, '--watch']);
    try {
      await expect(callAs(emu.url, 'hello')).resolves.toEqual({ version: 1, word: 'one' });
      writeFileSync(join(fn, 'index.ts'), "import { word } from '../shared/word';\nexport async function main() { return { version: 2, word }; }\n");
      await expect(eventually(() => callAs(emu.url, 'hello'), (r) => (r as { version: number }).version === 2)).resolves.toEqual({ version: 2, word: 'one' });
      writeFileSync(join(root, 'shared', 'word.ts'), "export const word = 'two';\n");
      await expect(eventually(() => callAs(emu.url, 'hello'), (r) => (r as { word: string }).word === 'two')).resolves.toEqual({ version: 2, word: 'two' });
    } finally {
      emu.child.kill('SIGINT');
      await exited(emu.child);
      rmSync(root, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('start gate', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ functionsRoot: FIXTURE_FUNCTIONS_ROOT, dataDir: null, hostPort: 0, timers: false, logger: quietLogger, startClosed: true });
  });
  afterAll(() => emu.close());

  it('answers HTTP calls with EMULATOR_STARTING in the callFunction failure shape until ready, while in-process calls work', async () => {
    emu.reportProgress('demo seed 40%');
    const refused = await fetch(`${emu.hostUrl}/functions/whoami`, { method: 'POST', headers: { 'x-wx-openid': 'o-early' }, body: '{}' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    const body = (await refused.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ errCode: -501008, code: 'EMULATOR_STARTING' });
    expect(String(body.errMsg)).toMatch(/^cloud\.callFunction:fail errCode: -501008 \| errMsg: the emulator is starting \(demo seed 40%\)/);
    const console = await fetch(`${emu.hostUrl}/console/functions/whoami`, { method: 'POST', headers: { authorization: `Bearer ${emu.token}` }, body: '{}' });
    expect(console.status).toBe(503);
    const health = (await (await fetch(`${emu.hostUrl}/health`)).json()) as { status: string };
    expect(health.status).toBe('demo seed 40%');
    await expect(emu.invokeAdmin('whoami', {})).resolves.toMatchObject({ source: 'console' });

    emu.ready();
    const served = await fetch(`${emu.hostUrl}/functions/whoami`, { method: 'POST', headers: { 'x-wx-openid': 'o-late' }, body: '{}' });
    expect(served.status).toBe(200);
    expect(((await (await fetch(`${emu.hostUrl}/health`)).json()) as { status: string }).status).toBe('ready');
  });
});

describe('runStart with a preparation step (a project\'s demo seed)', () => {
  it('prints the banner first, refuses HTTP calls while preparing, then prints Ready and serves', async () => {
    const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    let printed = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((printed += String(chunk)), true));
    let finish: (summary: string) => void = () => undefined;
    let preparing: (emulator: Emulator) => void = () => undefined;
    const started = new Promise<Emulator>((resolveStarted) => (preparing = resolveStarted));
    const running = runStart(
      { data: '.data', memory: true, port: '0', functions: FIXTURE_FUNCTIONS_ROOT, timers: false },
      {
        logger: quietLogger,
        adminUsage: ['my-admin <function>'],
        prepare: (emulator, progress) => {
          progress('seeding 50%');
          preparing(emulator);
          return new Promise<string>((resolveSummary) => (finish = resolveSummary));
        },
      },
    );
    let emulator: Emulator | undefined;
    try {
      emulator = await started;
      expect(printed).toContain('emulator is starting');
      expect(printed).toContain(`token             : ${emulator.token}`);
      expect(printed).toContain(`EMULATOR_TOKEN=${emulator.token} EMULATOR_ADMIN_KEY=${emulator.adminKey} my-admin <function>`);
      expect(printed).not.toContain('Ready');
      const early = await fetch(`${emulator.hostUrl}/functions/whoami`, { method: 'POST', headers: { 'x-wx-openid': 'o-early' }, body: '{}' });
      expect(early.status).toBe(503);
      expect(await early.json()).toMatchObject({ code: 'EMULATOR_STARTING', errMsg: expect.stringContaining('seeding 50%') });
      finish('seeded');
      await running;
      expect(printed).toMatch(/Ready: http:\/\/127\.0\.0\.1:\d+ answers calls now/);
      const late = await fetch(`${emulator.hostUrl}/functions/whoami`, { method: 'POST', headers: { 'x-wx-openid': 'o-late' }, body: '{}' });
      expect(late.status).toBe(200);
    } finally {
      write.mockRestore();
      // runStart installs its Ctrl+C handlers; remove only those.
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        for (const listener of process.listeners(signal)) if (!before[signal].includes(listener)) process.off(signal, listener);
      }
      await emulator?.close();
    }
  });
});
