import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cloudbase from '@cloudbase/js-sdk';
import { AccountStore } from '../auth/accounts';
import { startTestEmulator, type TestEmulator } from './support/emulator';

/**
 * Conformance of the emulator's CloudBase Auth and function gateway with `@cloudbase/js-sdk`
 * 3.7.0, the real SDK the web console uses, pointed at the emulator with `app.registerHost`
 * (js-sdk app/src/index.ts: "一次性设置所有端点，只需传入 host 地址": CLOUD_API → //host/web,
 * GATEWAY → //host/v1). Wire shapes followed (js-sdk sources, see emulator/README.md):
 *  - oauth/src/auth/consts.ts ApiUrls: AUTH_SIGN_IN_URL '/v1/signin', AUTH_TOKEN_URL '/v1/token',
 *    USER_ME_URL '/v1/user/me', under AUTH_API_PREFIX '/auth';
 *  - oauth2client.ts defaultRequest: a JSON answer with an `error` field is thrown as the error;
 *  - functions/src/index.ts: in GATEWAY mode callFunction posts `data` to /v1/functions/<name>
 *    and resolves `{ result: <response body>, requestId }`;
 *  - app/src/libs/request.ts fetch: `code: 'ACCESS_TOKEN_EXPIRED'` → refresh the token, retry once.
 */

type WebApp = ReturnType<typeof cloudbase.init> & { registerHost(host: string, protocol: 'http' | 'https'): void };
interface SdkAuth {
  signIn(params: { username: string; password: string }): Promise<unknown>;
  getUserInfo(): Promise<{ uid?: string; name?: string } | null>;
}

let emu: TestEmulator;
let owner: { uid: string };
let sdkEnv = 0;

beforeAll(async () => {
  emu = await startTestEmulator();
  owner = emu.emulator.upsertAccount({ username: 'console_owner', password: 'owner-pass-1', name: '店长' });
});
afterAll(async () => {
  await emu.close();
});

/** A fresh SDK app (its own env id, so no cached session leaks between tests). */
function webApp(): { app: WebApp; auth: SdkAuth } {
  const app = cloudbase.init({ env: `local-test-${(sdkEnv += 1)}` }) as WebApp;
  app.registerHost(new URL(emu.hostUrl).host, 'http');
  return { app, auth: app.auth({ persistence: 'none' }) as unknown as SdkAuth };
}

describe('js-sdk username/password sign-in against the emulator', () => {
  it('signs in, reads the current user, and calls a function as web_client with the uid', async () => {
    const { app, auth } = webApp();
    await auth.signIn({ username: 'console_owner', password: 'owner-pass-1' });
    await expect(auth.getUserInfo()).resolves.toMatchObject({ uid: owner.uid, name: '店长' });
    const called = (await app.callFunction({ name: 'whoami', data: { delayMs: 0 } })) as { result: Record<string, unknown>; requestId: string };
    expect(called.result).toMatchObject({ source: 'web_client', uid: owner.uid, openid: null });
    expect(called.requestId).toEqual(expect.any(String));
  });

  it('refuses a wrong password and an unknown user with the same error', async () => {
    const { auth } = webApp();
    await expect(auth.signIn({ username: 'console_owner', password: 'wrong-pass-1' })).rejects.toMatchObject({ error: 'invalid_password' });
    const { auth: other } = webApp();
    await expect(other.signIn({ username: 'nobody_here', password: 'owner-pass-1' })).rejects.toMatchObject({ error: 'invalid_password' });
  });

  it('refuses a function call without a session, and with a forged token', async () => {
    const anonymous = await fetch(`${emu.hostUrl}/v1/functions/whoami`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    await expect(anonymous.json()).resolves.toMatchObject({ code: 'INVALID_ACCESS_TOKEN' });
    const forged = await fetch(`${emu.hostUrl}/v1/functions/whoami`, { method: 'POST', headers: { authorization: 'Bearer not-a-token' }, body: '{}' });
    expect(forged.status).toBe(401);
  });

  it('rotates tokens on refresh: the new access token works, the old refresh token is spent', async () => {
    const signIn = await fetch(`${emu.hostUrl}/auth/v1/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'console_owner', password: 'owner-pass-1' }) });
    const first = (await signIn.json()) as { access_token: string; refresh_token: string; token_type: string; expires_in: number; sub: string };
    expect(first).toMatchObject({ token_type: 'Bearer', expires_in: 7200, sub: owner.uid });
    const refresh = (token: string) => fetch(`${emu.hostUrl}/auth/v1/token`, { method: 'POST', body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: token }) });
    const second = (await (await refresh(first.refresh_token)).json()) as { access_token: string };
    const me = await fetch(`${emu.hostUrl}/auth/v1/user/me`, { headers: { authorization: `Bearer ${second.access_token}` } });
    await expect(me.json()).resolves.toMatchObject({ sub: owner.uid, username: 'console_owner' });
    const replay = await refresh(first.refresh_token);
    expect(replay.status).toBe(401);
    await expect(replay.json()).resolves.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses auth and function calls from another origin', async () => {
    const foreign = await fetch(`${emu.hostUrl}/auth/v1/signin`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'console_owner', password: 'owner-pass-1' }),
    });
    expect(foreign.status).toBe(403);
  });

  it('keeps accounts in the data folder with scrypt hashes, never the password', () => {
    const dir = mkdtempSync(join(tmpdir(), 'accounts-'));
    const store = new AccountStore(dir);
    const created = store.upsert({ username: 'op_1', password: 'secret-pass-9' });
    const file = readFileSync(join(dir, 'auth-accounts.json'), 'utf8');
    expect(file).not.toContain('secret-pass-9');
    const reopened = new AccountStore(dir);
    expect(reopened.verify('op_1', 'secret-pass-9')).toMatchObject({ uid: created.uid });
    expect(reopened.verify('op_1', 'secret-pass-8')).toBeNull();
    expect(reopened.upsert({ username: 'op_1', password: 'new-pass-10' }).uid).toBe(created.uid);
  });
});

describe('static site hosting stand-in', () => {
  it('serves files under the prefix, falls back to index.html for app routes, never leaves the folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'site-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    const { startHostServer } = await import('../host/http-server');
    const { quietLogger } = await import('./support/emulator');
    const server = await startHostServer({
      target: { listFunctions: () => [], call: () => Promise.reject(new Error('no')), fireTimer: () => Promise.reject(new Error('no')) },
      log: quietLogger,
      port: 0,
      token: 'x'.repeat(43),
      staticSites: [{ prefix: '/console/', root, generated: { 'runtime.json': () => ({ contentType: 'application/json', body: '{"mode":"emulator"}' }) } }],
    });
    try {
      const index = await fetch(`${server.url}/console/`);
      expect(index.headers.get('content-type')).toContain('text/html');
      await expect(index.text()).resolves.toContain('console');
      await expect((await fetch(`${server.url}/console/assets/app.js`)).text()).resolves.toBe('console.log(1)');
      await expect((await fetch(`${server.url}/console/members/42`)).text()).resolves.toContain('<title>console</title>');
      await expect((await fetch(`${server.url}/console/runtime.json`)).json()).resolves.toEqual({ mode: 'emulator' });
      expect((await fetch(`${server.url}/console/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
      expect((await fetch(`${server.url}/console/`, { method: 'POST' })).status).toBe(405);
      // The host's own console route is not shadowed by a site under /console/.
      const consoleCall = await fetch(`${server.url}/console/functions/whoami`, { method: 'POST', body: '{}' });
      expect(consoleCall.status).toBe(401);
      await expect(consoleCall.json()).resolves.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      await server.close();
    }
  });
});
