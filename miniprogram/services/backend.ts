import { config, type TransportKind } from '../config';

export type EnvVersion = 'develop' | 'trial' | 'release';

/** The running version; anything unreadable counts as release, the safe answer. */
export function envVersion(): EnvVersion {
  try {
    const version = wx.getAccountInfoSync().miniProgram.envVersion;
    return version === 'develop' || version === 'trial' ? version : 'release';
  } catch {
    return 'release';
  }
}

/**
 * The emulator only for the develop version with local development on: a trial or release build
 * always calls the cloud, whatever config.ts says, so a forgotten flag cannot ship 127.0.0.1.
 */
export function backendFor(version: EnvVersion, localDevelopment: boolean): TransportKind {
  return version === 'develop' && localDevelopment ? 'emulator' : 'cloud';
}

export function currentBackend(): TransportKind {
  return backendFor(envVersion(), config.localDevelopment);
}
