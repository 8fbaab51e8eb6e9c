/**
 * Settings of the mini-program. Which backend it calls is not a setting to flip before a release:
 * services/backend.ts chooses by the running version (wx.getAccountInfoSync().miniProgram.envVersion):
 * trial and release always call the cloud; only the develop version (DevTools, preview) honours
 * `localDevelopment`.
 */
export type TransportKind = 'cloud' | 'emulator';

export interface AppConfig {
  /**
   * Local development: in the develop version, call the emulator's function host (`npm start`)
   * instead of the cloud. Ignored by trial and release versions.
   */
  localDevelopment: boolean;
  /** CloudBase environment id for wx.cloud.init; undefined = the DevTools default environment. */
  cloudEnv?: string;
  emulatorUrl: string;
  /** The identity the emulator transport claims (demo seed: demo_shopper; staff: demo_staff_cashier). */
  devOpenid: string;
  /** Privacy policy version shown at registration when the server has not named one yet. */
  privacyPolicyVersion: string;
  /** The number the emulator's stand-in for WeChat's phone sheet verifies (develop version on the emulator only). */
  devPhoneNumber: string;
}

export const config: AppConfig = {
  localDevelopment: true,
  cloudEnv: undefined,
  emulatorUrl: 'http://127.0.0.1:3900',
  devOpenid: 'demo_shopper',
  privacyPolicyVersion: '2026-11',
  devPhoneNumber: '13800138000',
};

/** Overrides some settings (tests, or a debug switch); returns the previous values. */
export function configure(patch: Partial<AppConfig>): AppConfig {
  const previous = { ...config };
  Object.assign(config, patch);
  return previous;
}
