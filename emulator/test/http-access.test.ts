import { resolve } from 'node:path';
import { matchRoute } from '../host/http-access';
import { startTestEmulator, type TestEmulator } from './support/emulator';

/**
 * CloudBase's HTTP access service as the emulator serves it under /http: the request becomes the
 * "集成请求" event `{ path, httpMethod, headers, queryStringParameters, requestContext, body,
 * isBase64Encoded }` (binary bodies base64, "此时该值为 true"), the call's source is wx_http, and the
 * return value becomes the response: a string as text, an object as JSON, an integrated response
 * `{ statusCode, headers, body, isBase64Encoded }` as itself
 * (https://docs.cloudbase.net/service/access-cloud-function, 使用 HTTP 访问云函数).
 */
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ httpAccessFile: resolve(__dirname, 'fixtures', 'http-access.json') });
});
afterAll(() => emu.close());

interface Echoed {
  event: { path: string; httpMethod: string; headers: Record<string, string>; queryStringParameters: Record<string, string>; body: string; isBase64Encoded: boolean; requestContext: { envId: string } };
  source: string;
}

describe('HTTP access routes', () => {
  it('builds the integrated request and answers with the integrated response', async () => {
    const res = await fetch(`${emu.hostUrl}/http/echo/v1?a=1&b=two`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-custom': 'yes' }, body: '{"hello":"世界"}' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('1');
    const { event, source } = (await res.json()) as Echoed;
    expect(source).toBe('wx_http');
    expect(event).toMatchObject({ path: '/echo/v1', httpMethod: 'PUT', queryStringParameters: { a: '1', b: 'two' }, body: '{"hello":"世界"}', isBase64Encoded: false });
    expect(event.headers['x-custom']).toBe('yes');
    expect(event.requestContext.envId).toEqual(expect.any(String));
  });

  it('passes a binary body base64-encoded with isBase64Encoded true', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
    const res = await fetch(`${emu.hostUrl}/http/echo`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    const { event } = (await res.json()) as Echoed;
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64')).toEqual(bytes);
  });

  it('turns a string into text/plain and an object into JSON', async () => {
    const text = await fetch(`${emu.hostUrl}/http/echo/text`);
    expect([text.status, text.headers.get('content-type'), await text.text()]).toEqual([200, 'text/plain; charset=utf-8', 'hello gateway']);
    const object = await fetch(`${emu.hostUrl}/http/echo/object`);
    expect([object.headers.get('content-type'), await object.json()]).toEqual(['application/json; charset=utf-8', { foo: 'bar' }]);
  });

  it('routes by the longest whole-segment prefix and answers 404 where no route serves', async () => {
    const deep = await fetch(`${emu.hostUrl}/http/echo/deep/x`, { method: 'POST', body: '{}' });
    expect(await deep.json()).toMatchObject({ ok: true }); // the `echo` function's envelope
    expect((await fetch(`${emu.hostUrl}/http/echoes`)).status).toBe(404);
    expect((await fetch(`${emu.hostUrl}/http/nothing`)).status).toBe(404);
    expect(matchRoute([{ path: '/', function: 'a' }, { path: '/x', function: 'b' }], '/y')?.function).toBe('a');
  });
});
