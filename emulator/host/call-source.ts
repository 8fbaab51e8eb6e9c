/**
 * Values of TCB_SOURCE, the call chain CloudBase puts in the invocation environment.
 * WeChat documents the wx_* values and `scf`; `console` is the emulator's own label for
 * calls made from the console stand-in (admin CLI, seed), which carry no end-user identity.
 */
export const CallSources = {
  /** wx.cloud.callFunction from a mini-program (the emulator's dev transport uses it). */
  miniProgram: 'wx_client',
  /** Called from WeChat DevTools. */
  devtools: 'wx_devtools',
  /** HTTP API / HTTP access trigger. */
  http: 'wx_http',
  /** Timer trigger. */
  timer: 'wx_trigger',
  /** One cloud function calling another. */
  function: 'scf',
  /** Local console stand-in: admin CLI and demo seed. Not a WeChat value. */
  console: 'console',
} as const;

export type CallSource = (typeof CallSources)[keyof typeof CallSources];

/** Who the platform says is calling. Never derived from the event. */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  source: CallSource;
}
