/**
 * Where the mini-program sends its cloud-function calls.
 * - `cloud`: wx.cloud.callFunction against `cloudEnv` (production; needs a real appid).
 * - `emulator`: wx.request POST to the local emulator's function host (`npm start`), signing in
 *   as `devOpenid` through the `x-wx-openid` header (DevTools: tick "不校验合法域名").
 */
export type TransportKind = 'cloud' | 'emulator';

export interface AppConfig {
  transport: TransportKind;
  /** CloudBase environment id for wx.cloud.init; undefined = the DevTools default environment. */
  cloudEnv?: string;
  emulatorUrl: string;
  /** The identity the emulator transport claims (demo seed: demo_shopper; staff: demo_staff_cashier). */
  devOpenid: string;
  /** Privacy policy version shown at registration when the server has not named one yet. */
  privacyPolicyVersion: string;
}

export const config: AppConfig = {
  transport: 'emulator',
  cloudEnv: undefined,
  emulatorUrl: 'http://127.0.0.1:3900',
  devOpenid: 'demo_shopper',
  privacyPolicyVersion: '2026-11',
};

/** Overrides some settings (tests, or a debug switch); returns the previous values. */
export function configure(patch: Partial<AppConfig>): AppConfig {
  const previous = { ...config };
  Object.assign(config, patch);
  return previous;
}
