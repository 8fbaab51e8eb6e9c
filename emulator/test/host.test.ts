import { resolve } from 'node:path';
import pino from 'pino';
import { CallSources } from '../host/call-source';
import { createFunctionHost, type FunctionHost } from '../host/function-host';
import { InvocationError } from '../host/invocation-error';

// The host alone (no database server): these fixtures need none.
const FIXTURE_FUNCTIONS_ROOT = resolve(__dirname, 'fixtures', 'cloudfunctions');
const quietLogger = pino({ level: 'silent' });

interface Whoami {
  openid: string | null;
  appid: string | null;
  unionid: string | null;
  source: string | null;
  triggerSrc: string | null;
  env: string | null;
  greeting: string;
  context: { requestId: string; functionName: string; functionVersion: string; timeLimitMs: number; memoryMb: number };
  userInfoOpenId: string;
}

let host: FunctionHost;

beforeAll(() => {
  host = createFunctionHost({ functionsRoot: FIXTURE_FUNCTIONS_ROOT, envId: 'test-env', appid: 'wx-test-app', log: quietLogger });
});

async function whoami(caller: Parameters<FunctionHost['invoke']>[2], event: Record<string, unknown> = {}): Promise<Whoami> {
  return (await host.invoke('whoami', event, caller)) as Whoami;
}

async function failureOf(work: Promise<unknown>): Promise<InvocationError> {
  const error: unknown = await work.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  if (!(error instanceof InvocationError)) throw error;
  return error;
}

describe('function discovery', () => {
  it('finds folders with config.json + index, and skips the shared folder', () => {
    expect(host.functions.map((f) => f.name)).toEqual(['boom', 'dbping', 'echo', 'httpecho', 'pingscan', 'sleepy', 'ticker', 'whoami']);
  });

  it('reads timeout (default 3 s) and timer triggers from config.json', () => {
    expect(host.find('sleepy')?.config.timeoutSeconds).toBe(1);
    expect(host.find('boom')?.config.timeoutSeconds).toBe(3);
    expect(host.find('ticker')?.config.timers).toEqual([{ name: 'everySecond', cron: '* * * * * * *' }]);
  });
});

describe('invocation context', () => {
  it('gives main a CloudBase-shaped context that node-sdk reads', async () => {
    const me = await whoami({ openid: 'o-alice', source: CallSources.miniProgram });
    expect(me).toMatchObject({
      openid: 'o-alice',
      appid: 'wx-test-app',
      unionid: null,
      source: 'wx_client',
      triggerSrc: 'tcb',
      env: 'test-env',
      greeting: 'hello o-alice',
      context: { functionName: 'whoami', functionVersion: '$LATEST', timeLimitMs: 5000, memoryMb: 256 },
    });
    expect(me.context.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uses a new request id for every call', async () => {
    const caller = { openid: 'o-a', source: CallSources.miniProgram };
    const ids = await Promise.all([1, 2, 3].map(async () => (await whoami(caller)).context.requestId));
    expect(new Set(ids).size).toBe(3);
  });

  it('keeps identities apart for concurrent calls with different openids', async () => {
    const openids = Array.from({ length: 12 }, (_, i) => `o-user-${i}`);
    const answers = await Promise.all(
      openids.map((openid, i) => whoami({ openid, unionid: `u-${i}`, source: CallSources.miniProgram }, { delayMs: (i * 7) % 25 })),
    );
    expect(answers.map((a) => a.openid)).toEqual(openids);
    expect(answers.map((a) => a.unionid)).toEqual(openids.map((_, i) => `u-${i}`));
  });

  it('documents that app.auth().getUserInfo() reads process.env only, so it has no per-call openid', async () => {
    const me = await whoami({ openid: 'o-bob', source: CallSources.miniProgram });
    expect(me.userInfoOpenId).toBe('');
  });

  it('console calls carry no identity and source console', async () => {
    const me = await whoami({ source: CallSources.console });
    expect(me).toMatchObject({ openid: null, appid: null, source: 'console', triggerSrc: 'tcb' });
  });
});

describe('failures', () => {
  it('names an unknown function', async () => {
    const error = await failureOf(host.invoke('nope', {}, { source: CallSources.console }));
    expect(error.code).toBe('FUNCTION_NOT_FOUND');
    expect(error.errCode).toBe(-501000);
    expect(error.message).toContain('"nope"');
  });

  it.each([
    ['asynchronously', {}, 'async kaboom'],
    ['synchronously', { sync: true }, 'sync kaboom'],
  ])('turns a function that throws %s into FUNCTION_FAILED and keeps serving', async (_how, event, text) => {
    const error = await failureOf(host.invoke('boom', event, { source: CallSources.console }));
    expect(error.code).toBe('FUNCTION_FAILED');
    expect(error.message).toContain(text);
    expect(error.requestId).toBeDefined();
    await expect(whoami({ source: CallSources.console })).resolves.toMatchObject({ source: 'console' });
  });

  it('enforces the config.json timeout like the cloud', async () => {
    const started = Date.now();
    const error = await failureOf(host.invoke('sleepy', {}, { source: CallSources.console }));
    expect(error.code).toBe('FUNCTION_TIMEOUT');
    expect(error.message).toContain('timed out after 1 seconds');
    expect(Date.now() - started).toBeLessThan(1800);
  });

  it('returns the result when the function finishes inside its timeout', async () => {
    await expect(host.invoke('sleepy', { ms: 10 }, { source: CallSources.console })).resolves.toBe('woke');
  });

  it('runs every function with timeoutSecondsOverride instead of config.json when given (load-proof test suites)', async () => {
    const patient = createFunctionHost({ functionsRoot: FIXTURE_FUNCTIONS_ROOT, envId: 'test-env', appid: 'wx-test-app', log: quietLogger, timeoutSecondsOverride: 5 });
    expect(patient.find('sleepy')?.config.timeoutSeconds).toBe(5);
    // Sleeps 1.5 s: past config.json's 1 s, inside the override.
    await expect(patient.invoke('sleepy', {}, { source: CallSources.console })).resolves.toBe('woke');
    const { context } = (await patient.invoke('whoami', {}, { source: CallSources.console })) as Whoami;
    expect(context.timeLimitMs).toBe(5000);
  });
});
