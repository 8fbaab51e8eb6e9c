import { configure } from '../../../miniprogram/config';
import { backendFor, currentBackend, type EnvVersion } from '../../../miniprogram/services/backend';
import { call } from '../../../miniprogram/services/client';
import { wxStubs } from '../support/wx-stubs';

// wx.getAccountInfoSync().miniProgram.envVersion: "develop 开发版 / trial 体验版 / release 正式版"
// (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/account-info/wx.getAccountInfoSync.html).
function runAs(envVersion: EnvVersion | 'unknown'): void {
  wxStubs().getAccountInfoSync.mockImplementation(() => {
    if (envVersion === 'unknown') throw new Error('getAccountInfoSync:fail');
    return { miniProgram: { appId: 'wx-test', envVersion, version: '1.0.0' }, plugin: {} as WechatMiniprogram.AccountInfo['plugin'] };
  });
}

describe('backend switch: chosen by the running version, not by editing config.ts', () => {
  afterEach(() => configure({ localDevelopment: true }));

  it.each<[EnvVersion, boolean, 'cloud' | 'emulator']>([
    ['develop', true, 'emulator'],
    ['develop', false, 'cloud'],
    ['trial', true, 'cloud'],
    ['trial', false, 'cloud'],
    ['release', true, 'cloud'],
    ['release', false, 'cloud'],
  ])('%s version with localDevelopment=%s calls the %s', (version, local, expected) => {
    expect(backendFor(version, local)).toBe(expected);
    runAs(version);
    configure({ localDevelopment: local });
    expect(currentBackend()).toBe(expected);
  });

  it.each<EnvVersion | 'unknown'>(['trial', 'release', 'unknown'])('a %s build with the local flag left on still calls wx.cloud.callFunction, never 127.0.0.1', async (version) => {
    runAs(version);
    configure({ localDevelopment: true, emulatorUrl: 'http://127.0.0.1:3900' });
    wxStubs().cloud.callFunction.mockImplementation((o: { success: (r: unknown) => void }) => o.success({ result: { ok: true, data: { items: [], nextCursor: null } } }));
    await expect(call('points', 'history', { limit: 5 })).resolves.toEqual({ items: [], nextCursor: null });
    expect(wxStubs().cloud.callFunction).toHaveBeenCalledWith(expect.objectContaining({ name: 'points' }));
    expect(wxStubs().request).not.toHaveBeenCalled();
  });

  it('app launch initialises wx.cloud for a release build and not for local development', () => {
    let launch: (() => void) | undefined;
    (globalThis as unknown as { App: (o: { onLaunch(): void }) => void }).App = (options) => {
      launch = options.onLaunch;
    };
    jest.isolateModules(() => {
      require('../../../miniprogram/app');
    });
    if (!launch) throw new Error('app.ts did not call App()');
    runAs('develop');
    launch();
    expect(wxStubs().cloud.init).not.toHaveBeenCalled();
    runAs('release');
    launch();
    expect(wxStubs().cloud.init).toHaveBeenCalledTimes(1);
  });
});
