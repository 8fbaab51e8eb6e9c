import { request } from 'node:http';
import { startTestEmulator, type TestEmulator } from './support/emulator';

// The console, timer and database routes act with the console's authority; a web page open in
// the developer's browser must not reach them (cross-site form posts, DNS rebinding).
// node:http lets these tests send the Host, Origin and Sec-Fetch-Site a browser would.

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

function send(url: string, path: string, headers: Record<string, string>, body = '{}'): Promise<Answer> {
  const target = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ host: target.hostname, port: target.port, path, method: 'POST', headers: { 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const bearer = (): Record<string, string> => emu.consoleHeaders;

describe('console and timer routes', () => {
  it('serve a call that carries the token', async () => {
    const answer = await send(emu.hostUrl, '/console/functions/whoami', { 'content-type': 'application/json', ...bearer() });
    expect(answer.status).toBe(200);
    expect(answer.body.result).toMatchObject({ source: 'console' });
  });

  it('refuse a call without the token or with another one', async () => {
    const none = await send(emu.hostUrl, '/console/functions/whoami', { 'content-type': 'application/json' });
    expect(none).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    const wrong = await send(emu.hostUrl, '/console/functions/whoami', { 'content-type': 'application/json', authorization: 'Bearer guess' });
    expect(wrong.status).toBe(401);
    const timer = await send(emu.hostUrl, '/console/timers/ticker/nightly', {});
    expect(timer.status).toBe(401);
  });

  it('refuse a cross-site text/plain form post (no preflight), even one that somehow had the token', async () => {
    const page = { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const plain = await send(emu.hostUrl, '/console/functions/echo', page, '{"action":"setAdmins","openids":["attacker"]}');
    expect(plain.status).toBe(403);
    expect(plain.body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await send(emu.hostUrl, '/console/functions/echo', { ...page, ...bearer() })).status).toBe(403);
    expect((await send(emu.hostUrl, '/console/functions/echo', { 'sec-fetch-site': 'same-site', ...bearer() })).status).toBe(403);
  });

  it('accept a same-origin page (a console served by this host)', async () => {
    const port = new URL(emu.hostUrl).port;
    const answer = await send(emu.hostUrl, '/console/functions/whoami', { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin', ...bearer() });
    expect(answer.status).toBe(200);
  });
});

describe('every route', () => {
  it('refuses a foreign Host header (DNS rebinding), token or not', async () => {
    const port = new URL(emu.hostUrl).port;
    const rebound = await send(emu.hostUrl, '/console/functions/whoami', { host: `evil.example:${port}`, ...bearer() });
    expect(rebound).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    const shopper = await send(emu.hostUrl, '/functions/whoami', { host: `evil.example:${port}`, 'x-wx-openid': 'o-1' });
    expect(shopper.status).toBe(403);
    expect((await send(emu.hostUrl, '/functions/whoami', { host: `localhost:${port}`, 'x-wx-openid': 'o-1' })).status).toBe(200);
  });

  it('answers 400 for a malformed path, not 500', async () => {
    const answer = await send(emu.hostUrl, '/functions/%E0%A4%A', { 'x-wx-openid': 'o-1' });
    expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect((await send(emu.hostUrl, '/console/functions/%E0%A4%A', bearer())).status).toBe(400);
  });
});

describe('CORS', () => {
  it('grants no preflight, so a foreign page cannot send x-wx-openid or Authorization', async () => {
    for (const path of ['/functions/whoami', '/console/functions/whoami']) {
      const answer = await fetch(`${emu.hostUrl}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-wx-openid, authorization' },
      });
      expect(answer.ok).toBe(false);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('access-control-allow-headers')).toBeNull();
    }
  });
});

describe('mini-program dev transport', () => {
  it('stays usable from DevTools without a token (shopper identity only, never console authority)', async () => {
    const devtools = { 'x-wx-openid': 'o-devtools', 'sec-fetch-site': 'cross-site', origin: 'https://servicewechat.com' };
    const answer = await send(emu.hostUrl, '/functions/whoami', devtools);
    expect(answer.status).toBe(200);
    expect(answer.body.result).toMatchObject({ openid: 'o-devtools', source: 'wx_client' });
  });
});

describe('database route', () => {
  it('is served to the node-sdk in functions: TCB_CONTEXT_CNFG.URL carries the token in its path', async () => {
    expect(emu.dbUrl).toBe(`${new URL(emu.dbUrl).origin}/${emu.emulator.token}/admin`);
    await expect(emu.asShopper('o-db')('dbping')).resolves.toMatchObject({ total: 1 });
  });

  it('refuses the bare /admin path, a guessed token, a foreign Host and a cross-site page', async () => {
    const origin = new URL(emu.dbUrl).origin;
    const port = new URL(emu.dbUrl).port;
    const query = JSON.stringify({ action: 'database.getDocument', collectionName: 'pings', queryType: 'WHERE', query: '{}' });
    expect((await send(origin, '/admin', {}, query)).status).toBe(403);
    expect((await send(origin, '/guess/admin', {}, query)).status).toBe(403);
    const path = `/${emu.emulator.token}/admin`;
    expect((await send(origin, path, { host: `evil.example:${port}` }, query)).status).toBe(403);
    expect((await send(origin, path, { 'content-type': 'text/plain', origin: 'https://evil.example' }, query)).status).toBe(403);
    const own = await send(origin, path, { 'content-type': 'application/json' }, query);
    expect(own.status).toBe(200);
  });

  it('guards the inspection channel the same way: only with this start\'s token', async () => {
    const origin = new URL(emu.dbUrl).origin;
    const query = JSON.stringify({ action: 'database.getDocument', collectionName: 'pings', queryType: 'WHERE', query: '{}' });
    expect((await send(origin, '/inspect/admin', {}, query)).status).toBe(403);
    expect((await send(origin, '/guess/inspect/admin', {}, query)).status).toBe(403);
    expect((await send(origin, `/${emu.emulator.token}/inspect/admin/more`, {}, query)).status).toBe(403);
    expect((await send(origin, new URL(emu.inspectUrl).pathname, { 'content-type': 'application/json' }, query)).status).toBe(200);
  });
});
