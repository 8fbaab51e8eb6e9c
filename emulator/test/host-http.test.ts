import { startHostServer } from '../host/http-server';
import { FIXTURE_FUNCTIONS_ROOT, quietLogger, startTestEmulator, type TestEmulator } from './support/emulator';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ functionsRoot: FIXTURE_FUNCTIONS_ROOT });
});
afterAll(async () => {
  await emu.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${emu.hostUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(path.startsWith('/console/') ? emu.consoleHeaders : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('test emulator helper', () => {
  it('calls as a shopper, the console and a timer', async () => {
    await expect(emu.asShopper('o-carol')('whoami')).resolves.toMatchObject({ openid: 'o-carol', source: 'wx_client' });
    await expect(emu.asConsole('whoami')).resolves.toMatchObject({ openid: null, source: 'console' });
    await expect(emu.asTimer('ticker', 'everySecond')).resolves.toMatchObject({ recorded: 1 });
  });

  it('wires the real node-sdk in a function to the in-memory database', async () => {
    const first = (await emu.asShopper('o-dave')('dbping')) as { id: string | null; total: number };
    const second = (await emu.asShopper('o-dave')('dbping')) as { id: string | null; total: number };
    expect(first.id).toEqual(expect.any(String));
    expect(second.total).toBe(2);
    await expect(emu.asShopper('o-erin')('dbping')).resolves.toMatchObject({ total: 1 });
    expect(emu.dbUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/admin$/);
  });
});

describe('HTTP dev transport', () => {
  it('serves POST /functions/<name> with the identity from x-wx-openid', async () => {
    const { status, json } = await post('/functions/whoami', {}, { 'x-wx-openid': 'o-http', 'x-wx-unionid': 'u-http' });
    expect(status).toBe(200);
    expect(json).toMatchObject({ errMsg: 'cloud.callFunction:ok', result: { openid: 'o-http', unionid: 'u-http', source: 'wx_client', appid: 'touristappid' } });
    expect(json.requestID).toEqual(expect.any(String));
  });

  it('requires an identity on the dev transport', async () => {
    const { status, json } = await post('/functions/whoami', {});
    expect(status).toBe(401);
    expect(json).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('serves the console route with no identity and source console', async () => {
    const { status, json } = await post('/console/functions/whoami', { action: 'x' }, { 'x-wx-openid': 'ignored' });
    expect(status).toBe(200);
    expect(json.result).toMatchObject({ openid: null, source: 'console' });
  });

  it('fires a timer from the console route', async () => {
    const { status, json } = await post('/console/timers/ticker/everySecond', {});
    expect(status).toBe(200);
    expect(json.result).toMatchObject({ recorded: expect.any(Number) });
    expect((await post('/console/timers/ticker/nope', {})).status).toBe(404);
  });

  it('answers 404 with errCode -501000 for an unknown function', async () => {
    const { status, json } = await post('/functions/nope', {}, { 'x-wx-openid': 'o-1' });
    expect(status).toBe(404);
    expect(json).toMatchObject({ errCode: -501000, code: 'FUNCTION_NOT_FOUND' });
    expect(String(json.errMsg)).toContain('function "nope" not found');
  });

  it('answers an error envelope when the function throws, and keeps serving', async () => {
    const { status, json } = await post('/console/functions/boom', {});
    expect(status).toBe(500);
    expect(json).toMatchObject({ errCode: -504002, code: 'FUNCTION_FAILED' });
    expect(String(json.errMsg)).toContain('async kaboom');
    expect((await post('/console/functions/whoami', {})).status).toBe(200);
  });

  it('answers a timeout like the cloud', async () => {
    const { status, json } = await post('/console/functions/sleepy', {});
    expect(status).toBe(504);
    expect(json).toMatchObject({ code: 'FUNCTION_TIMEOUT' });
    expect(String(json.errMsg)).toContain('timed out after 1 seconds');
  });

  it('refuses a body over 1 MB clearly', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(1024 * 1024 + 10) });
    const { status, json } = await post('/console/functions/whoami', big);
    expect(status).toBe(413);
    expect(json).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a body that is not a JSON object', async () => {
    expect((await post('/console/functions/whoami', '[1,2]')).json).toMatchObject({ code: 'INVALID_REQUEST' });
    expect((await post('/console/functions/whoami', '{oops')).json).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('lists functions on GET /health', async () => {
    const response = await fetch(`${emu.hostUrl}/health`);
    const json = (await response.json()) as { ok: boolean; functions: { name: string }[] };
    expect(json.ok).toBe(true);
    expect(json.functions.map((f) => f.name)).toEqual(['boom', 'dbping', 'echo', 'httpecho', 'pingscan', 'sleepy', 'ticker', 'whoami']);
  });
});

describe('binding', () => {
  it('refuses a non-loopback address unless explicitly allowed', async () => {
    const target = { listFunctions: () => [], call: () => Promise.reject(new Error('unused')), fireTimer: () => Promise.reject(new Error('unused')) };
    await expect(startHostServer({ target, log: quietLogger, host: '0.0.0.0', port: 0, token: 't' })).rejects.toThrow(/loopback only/);
  });
});
