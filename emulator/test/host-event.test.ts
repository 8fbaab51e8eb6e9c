import { resolve } from 'node:path';
import pino from 'pino';
import { CallSources, viaFunction, type Caller } from '../host/call-source';
import { createFunctionHost, type FunctionHost } from '../host/function-host';
import { timerEvent } from '../timers/timer-event';

/**
 * The event and context the host builds for each call source, each beside the platform's own
 * words (docs/emulator-host.md, "What each call source gets"):
 * - WeChat "获取小程序用户信息" (developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/userinfo.html):
 *   "从小程序端调用云函数时，云函数的第一个参数 event 会被注入一个 userInfo 对象，其中含有 openId 字段和 appId 字段";
 *   CloudBase "调用云函数" (docs.cloudbase.net/cloud-function/how-use): the user's OPENID "can be obtained in the
 *   cloud function through event.userInfo.openId";
 * - Cloud.getWXContext: SOURCE "跟随调用链条传递 … B 内获得的 SOURCE 为 wx_client,scf"; OPENID/APPID "小程序端调用云函数时有";
 * - SCF "触发器事件消息结构汇总": a timer's event is {"Type":"Timer","TriggerName":…,"Time":…,"Message":…};
 *   SCF environment variables: TRIGGER_SRC "timer（使用定时触发器时）".
 */
const FIXTURES = resolve(__dirname, 'fixtures', 'cloudfunctions');
let host: FunctionHost;

beforeAll(() => {
  host = createFunctionHost({ functionsRoot: FIXTURES, envId: 'test-env', appid: 'wx-test-app', log: pino({ level: 'silent' }) });
});

async function eventSeenBy(caller: Caller, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = (await host.invoke('echo', payload, caller)) as { data: Record<string, unknown> };
  return answer.data;
}

interface Seen {
  openid: string | null;
  appid: string | null;
  source: string | null;
  triggerSrc: string | null;
  env: string | null;
}

async function contextSeenBy(caller: Caller): Promise<Seen> {
  return (await host.invoke('whoami', {}, caller)) as Seen;
}

const payload = { action: 'card', note: '中文' };

describe('the event each call source gets', () => {
  it.each([CallSources.miniProgram, CallSources.devtools])('%s: the payload plus userInfo { appId, openId } injected by the platform', async (source) => {
    await expect(eventSeenBy({ openid: 'o-alice', source }, payload)).resolves.toEqual({ ...payload, userInfo: { appId: 'wx-test-app', openId: 'o-alice' } });
  });

  it('the injected userInfo replaces one the client sent, and uses the caller’s own appid', async () => {
    const forged = { ...payload, userInfo: { appId: 'wx-evil', openId: 'o-victim', unionId: 'u-victim' } };
    await expect(eventSeenBy({ openid: 'o-alice', appid: 'wx-real', source: CallSources.miniProgram }, forged)).resolves.toEqual({ ...payload, userInfo: { appId: 'wx-real', openId: 'o-alice' } });
  });

  it.each([
    ['console', { source: CallSources.console }],
    ['function to function', { source: CallSources.function }],
    ['mini-program through a function', viaFunction({ openid: 'o-alice', source: CallSources.miniProgram })],
    ['HTTP access', { source: CallSources.http }],
    ['CloudBase web SDK', { source: CallSources.webClient }],
  ] as Array<[string, Caller]>)('%s: the payload exactly as sent', async (_label, caller) => {
    await expect(eventSeenBy(caller, payload)).resolves.toEqual(payload);
  });

  it('timer: { Type, TriggerName, Time, Message } and nothing else', () => {
    expect(timerEvent('nightly', new Date('2026-01-01T18:00:00.123Z'))).toEqual({ Type: 'Timer', TriggerName: 'nightly', Time: '2026-01-01T18:00:00Z', Message: '' });
  });
});

describe('the context each call source gets', () => {
  it('mini-program: identity, TCB_SOURCE wx_client, TRIGGER_SRC tcb', async () => {
    await expect(contextSeenBy({ openid: 'o-alice', source: CallSources.miniProgram })).resolves.toMatchObject({ openid: 'o-alice', appid: 'wx-test-app', source: 'wx_client', triggerSrc: 'tcb', env: 'test-env' });
  });

  it('timer: no identity, TCB_SOURCE wx_trigger, TRIGGER_SRC timer', async () => {
    await expect(contextSeenBy({ source: CallSources.timer })).resolves.toMatchObject({ openid: null, appid: null, source: 'wx_trigger', triggerSrc: 'timer' });
  });

  it('a chain keeps every link, comma-joined', async () => {
    await expect(contextSeenBy(viaFunction({ openid: 'o-alice', source: CallSources.miniProgram }))).resolves.toMatchObject({ openid: 'o-alice', source: 'wx_client,scf', triggerSrc: 'tcb' });
    await expect(contextSeenBy(viaFunction({ source: CallSources.timer }))).resolves.toMatchObject({ openid: null, source: 'wx_trigger,scf' });
  });

  it.each([CallSources.console, CallSources.function, CallSources.webClient, CallSources.http, CallSources.unknown])('%s: no identity, the source as given', async (source) => {
    await expect(contextSeenBy({ source })).resolves.toMatchObject({ openid: null, appid: null, source, triggerSrc: 'tcb' });
  });
});
