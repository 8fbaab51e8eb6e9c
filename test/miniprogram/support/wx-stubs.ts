/**
 * The WeChat APIs our code calls, as jest mocks installed on miniprogram-simulate's `wx` before
 * every test. Tests steer them (scanCode result, showModal answer) and assert on them.
 */
export interface FakeCanvas {
  width: number;
  height: number;
  painted: Array<[number, number, number, number]>;
  getContext(kind: string): { fillStyle: unknown; fillRect(x: number, y: number, w: number, h: number): void; scale(): void };
}

export function fakeCanvas(): FakeCanvas {
  const canvas: FakeCanvas = {
    width: 0,
    height: 0,
    painted: [],
    getContext: () => ({ fillStyle: '', fillRect: (...rect) => canvas.painted.push(rect), scale: () => undefined }),
  };
  return canvas;
}

/** The fail payload wx.request hands over. */
export function requestFailure(errMsg: string): WechatMiniprogram.RequestFailCallbackErr {
  return { errMsg, errno: 1 } as WechatMiniprogram.RequestFailCallbackErr;
}

function stubs() {
  const canvas = fakeCanvas();
  const query = {
    in: () => query,
    select: () => query,
    fields: () => query,
    exec: (cb: (res: unknown[]) => void) => cb([{ node: canvas, width: 200, height: 200 }]),
  };
  return {
    canvas,
    showToast: jest.fn(),
    showModal: jest.fn((options: { success?: (res: { confirm: boolean; cancel: boolean }) => void }) => options.success?.({ confirm: true, cancel: false })),
    stopPullDownRefresh: jest.fn(),
    scanCode: jest.fn(),
    requestSubscribeMessage: jest.fn(),
    /** The payer closes the sheet unless a test completes the payment (flows do, through the emulator's 云支付). */
    requestPayment: jest.fn((options: { fail?: (res: { errMsg: string }) => void }) => options.fail?.({ errMsg: 'requestPayment:fail cancel' })),
    setClipboardData: jest.fn(),
    navigateTo: jest.fn(),
    navigateBack: jest.fn(),
    switchTab: jest.fn(),
    getWindowInfo: jest.fn(() => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, statusBarHeight: 20 })),
    // Read by tdesign-miniprogram's components (version checks, layout) when they are created.
    getAppBaseInfo: jest.fn(() => ({ SDKVersion: '3.7.0', language: 'zh_CN', theme: 'light' })),
    getDeviceInfo: jest.fn(() => ({ platform: 'devtools', system: 'iOS 17', brand: 'devtools', model: 'iPhone' })),
    getSystemInfoSync: jest.fn(() => ({ SDKVersion: '3.7.0', platform: 'devtools', pixelRatio: 2, windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, statusBarHeight: 20 })),
    createSelectorQuery: jest.fn(() => query),
    request: jest.fn((options: WechatMiniprogram.RequestOption) => options.fail?.(requestFailure('request:fail no network in unit tests'))),
    cloud: { init: jest.fn(), callFunction: jest.fn() },
    /** The user's own screen level before the card raised it. */
    getScreenBrightness: jest.fn((options: { success?: (res: { value: number }) => void }) => options.success?.({ value: 0.4 })),
    setScreenBrightness: jest.fn(),
    openPrivacyContract: jest.fn(),
    /** The listener a page registers; tests call it as WeChat would before a privacy interface runs. */
    onNeedPrivacyAuthorization: jest.fn(),
    /** DevTools runs the develop version; tests of trial/release builds change envVersion. */
    getAccountInfoSync: jest.fn((): WechatMiniprogram.AccountInfo => ({ miniProgram: { appId: 'wx-test', envVersion: 'develop', version: '' }, plugin: {} as WechatMiniprogram.AccountInfo['plugin'] })),
  };
}

export type WxStubs = ReturnType<typeof stubs>;

export function installWxStubs(): WxStubs {
  const installed = stubs();
  const g = globalThis as unknown as { wx: Record<string, unknown> };
  g.wx = Object.assign(g.wx ?? {}, installed);
  return installed;
}

export function wxStubs(): WxStubs {
  return (globalThis as unknown as { wx: WxStubs }).wx;
}
