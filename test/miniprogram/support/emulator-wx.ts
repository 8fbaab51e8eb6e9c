import { request as httpRequest } from 'node:http';
import { configure } from '../../../miniprogram/config';
import { startTestEmulator, type TestEmulator } from '../../support/emulator';
import { requestFailure, wxStubs } from './wx-stubs';

/**
 * The platform's wx.request, done with node's http: a shim of the WeChat API only. The client,
 * its emulator transport and everything above run unchanged against the real function host.
 */
export function httpWxRequest(options: WechatMiniprogram.RequestOption): void {
  const body = JSON.stringify(options.data ?? {});
  const req = httpRequest(
    options.url,
    { method: options.method ?? 'GET', headers: { ...(options.header as Record<string, string>), 'content-length': Buffer.byteLength(body) } },
    (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // wx.request hands non-JSON bodies over as text
        }
        options.success?.({ statusCode: res.statusCode ?? 0, data, header: res.headers, cookies: [], errMsg: 'request:ok' } as never);
      });
    },
  );
  req.on('error', (error) => options.fail?.(requestFailure(`request:fail ${error.message}`)));
  req.end(body);
}

export interface EmulatorBackend {
  emu: TestEmulator;
  /** The identity the emulator transport sends (x-wx-openid), as DevTools' devOpenid would. */
  signInAs(openid: string): void;
}

/** Starts the in-process emulator for the file and routes wx.request to its function host. */
export function useEmulatorBackend(): EmulatorBackend {
  const backend = { signInAs: (openid: string) => void configure({ devOpenid: openid }) } as EmulatorBackend;
  beforeAll(async () => {
    backend.emu = await startTestEmulator();
    configure({ localDevelopment: true, emulatorUrl: backend.emu.hostUrl });
  }, 30_000);
  beforeEach(() => {
    wxStubs().request.mockImplementation(httpWxRequest);
  });
  afterAll(() => backend.emu?.close());
  return backend;
}

/** Seeds a store and a cashier through the admin function, as the console would. */
export async function openStore(emu: TestEmulator, staffOpenid: string): Promise<void> {
  await expectOk(emu.asConsole('admin', { action: 'upsertStore', storeId: 'store_1', name: '测试门店' }));
  await expectOk(emu.asConsole('admin', { action: 'upsertStaff', openid: staffOpenid, name: '李收银', storeId: 'store_1', role: 'cashier' }));
}

/** Registers a shopper through the member function. */
export async function registerShopper(emu: TestEmulator, openid: string, nickname?: string): Promise<void> {
  await expectOk(emu.asShopper(openid)('member', { action: 'register', consentVersion: '2026-11', ...(nickname ? { nickname } : {}) }));
}

export async function expectOk(result: Promise<unknown>): Promise<unknown> {
  const envelope = (await result) as { ok: boolean; data?: unknown; code?: string };
  if (!envelope.ok) throw new Error(`seed call failed: ${envelope.code}`);
  return envelope.data;
}
