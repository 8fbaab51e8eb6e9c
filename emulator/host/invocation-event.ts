import { MINI_PROGRAM_SOURCES, type Caller } from './call-source';

/** What the platform adds to a mini-program call's event (WeChat: `event.userInfo`, with openId and appId). */
export interface InjectedUserInfo {
  appId: string;
  openId: string;
}

/**
 * The first argument of `main`, as the platform builds it for each call source:
 * - a mini-program call (wx_client, wx_devtools) gets the caller injected as
 *   `userInfo: { appId, openId }`, replacing any `userInfo` the client sent ("从小程序端调用云函数时，
 *   云函数的第一个参数 event 会被注入一个 userInfo 对象，其中含有 openId 字段和 appId 字段");
 * - a timer's event is built by the scheduler (`{ Type: 'Timer', TriggerName, Time, Message }`);
 * - console, function-to-function and every other source get the payload as sent.
 * `appid` is the one the context reports (see resolveAppid), so event and context agree.
 */
export function buildInvocationEvent(event: unknown, caller: Caller, appid: string | undefined): unknown {
  if (!caller.openid || !appid || !MINI_PROGRAM_SOURCES.has(caller.source)) return event;
  const payload = typeof event === 'object' && event !== null && !Array.isArray(event) ? event : {};
  const userInfo: InjectedUserInfo = { appId: appid, openId: caller.openid };
  return { ...payload, userInfo };
}
