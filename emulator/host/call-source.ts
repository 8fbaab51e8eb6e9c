/**
 * Values of TCB_SOURCE, the call chain CloudBase puts in the invocation environment. WeChat
 * documents the wx_* values and `scf` (Cloud.getWXContext, "SOURCE 的枚举类型"); a chain joins them
 * with commas ("wx_client,scf": a mini-program called A, A called B). `web_client` is what the
 * CloudBase web SDK's calls carry ("其他: 非微信端触发"). `console` is the emulator's own label for
 * its console stand-in: the platform does not document what a console test invocation carries.
 * docs/emulator-host.md lists what the host builds for each.
 */
export const CallSources = {
  /** wx.cloud.callFunction from a mini-program (the emulator's dev transport uses it). */
  miniProgram: 'wx_client',
  /** Called from WeChat DevTools. */
  devtools: 'wx_devtools',
  /** HTTP API / HTTP access. */
  http: 'wx_http',
  /** Timer trigger. */
  timer: 'wx_trigger',
  /** WeChat Pay callback. */
  payCallback: 'wx_paycallback',
  /** WeChat's mini-program crawler. */
  crawler: 'wx_crawler',
  /** DevTools' local debugging of a cloud function. */
  localDebug: 'wx_localdebug',
  /** WeChat, origin unknown. */
  unknown: 'wx_unknown',
  /** One cloud function calling another. */
  function: 'scf',
  /** The CloudBase web SDK (@cloudbase/js-sdk). */
  webClient: 'web_client',
  /** Local console stand-in: admin CLI and demo seed. Not a platform value. */
  console: 'console',
} as const;

export type CallSource = (typeof CallSources)[keyof typeof CallSources];

/** Sources whose calls carry a mini-program user: the platform injects `event.userInfo` into them. */
export const MINI_PROGRAM_SOURCES: ReadonlySet<string> = new Set([CallSources.miniProgram, CallSources.devtools]);

/** Who the platform says is calling. Never derived from the event. */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  /**
   * The CloudBase account uid of a signed-in web SDK user (source `web_client`); the platform
   * passes it to the function as TCB_UUID (node-sdk `auth().getUserInfo().uid`).
   */
  uid?: string;
  /** One source, or a chain such as "wx_client,scf" (see viaFunction). */
  source: CallSource | (string & {});
}

/** The caller as seen by a function that `caller` reached through another function (source chain + ",scf"). */
export function viaFunction(caller: Caller): Caller {
  return { ...caller, source: `${caller.source},${CallSources.function}` };
}
