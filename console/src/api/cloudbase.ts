import cloudbase from '@cloudbase/js-sdk/app';
// Each module registers itself with the app on import (calling its registerX again throws "Duplicate component").
import '@cloudbase/js-sdk/auth';
import '@cloudbase/js-sdk/functions';
import type { RuntimeConfig } from './runtime-config';

/**
 * The one CloudBase web SDK app. Only the app, auth and functions modules are loaded (the full
 * SDK adds storage, realtime, AI... the console never uses). Locally the same SDK is pointed at
 * the emulator that served the page with `registerHost` (js-sdk app/src/index.ts), whose
 * Auth and function gateway speak the SDK's wire shapes (emulator/README.md).
 */

export interface CloudbaseUser {
  uid: string;
  name: string;
  username: string;
}

interface SdkAuth {
  signIn(params: { username: string; password: string }): Promise<unknown>;
  signOut(): Promise<unknown>;
  getUserInfo(): Promise<{ uid?: string; name?: string; username?: string } | null>;
  hasLoginState(): Promise<unknown> | unknown;
}

interface SdkApp {
  registerHost(host: string, protocol: 'http' | 'https'): void;
  auth(options: { persistence: 'local' | 'session' | 'none' }): SdkAuth;
  callFunction(options: { name: string; data: Record<string, unknown> }): Promise<unknown>;
}

let app: SdkApp | undefined;
let auth: SdkAuth | undefined;

export function initCloudbase(config: RuntimeConfig): void {
  const created = cloudbase.init({ env: config.env, ...(config.region ? { region: config.region } : {}) }) as unknown as SdkApp;
  if (config.emulator) created.registerHost(window.location.host, window.location.protocol === 'https:' ? 'https' : 'http');
  app = created;
  // Session storage: a closed tab signs the admin out; the refresh token never outlives it.
  auth = created.auth({ persistence: 'session' });
}

function ready(): { app: SdkApp; auth: SdkAuth } {
  if (!app || !auth) throw new Error('CloudBase is not initialised');
  return { app, auth };
}

export async function signIn(username: string, password: string): Promise<CloudbaseUser> {
  await ready().auth.signIn({ username, password });
  const user = await currentUser();
  if (!user) throw new Error('signed in but no user');
  return user;
}

export async function signOut(): Promise<void> {
  await ready().auth.signOut();
}

export async function currentUser(): Promise<CloudbaseUser | null> {
  const { auth: sdkAuth } = ready();
  if (!(await sdkAuth.hasLoginState())) return null;
  const info = await sdkAuth.getUserInfo().catch(() => null);
  return info?.uid ? { uid: info.uid, name: info.name ?? info.username ?? '', username: info.username ?? '' } : null;
}

/**
 * Raw invocation: the function's return value (an envelope), or a platform error. In GATEWAY mode
 * the SDK spreads a response body that has a `code` field into its answer instead of `result`
 * (js-sdk functions/src/index.ts), which is what our `{ ok: false, code, message }` envelopes
 * look like; an answer carrying `ok` is therefore the function's envelope, not a platform error.
 */
export async function invoke(name: string, data: Record<string, unknown>): Promise<unknown> {
  const answer = (await ready().app.callFunction({ name, data })) as { result?: unknown; code?: string; message?: string; ok?: unknown };
  if ('result' in answer) return answer.result;
  if (typeof answer.ok === 'boolean') return answer;
  throw Object.assign(new Error(answer.message ?? answer.code ?? 'no answer'), { code: answer.code });
}
