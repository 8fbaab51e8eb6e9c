import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { CallSources, type Caller } from '../host/call-source';
import { createFunctionHost, type Invocation } from '../host/function-host';
import { discoverFunctions } from '../host/function-discovery';
import { InvocationError } from '../host/invocation-error';
import { parseFunctionConfig } from '../host/function-config';
import { nextFireTime, TimerConfigError, validateTimerCron } from '../timers/cron';
import { startTimerScheduler, type TimerScheduler } from '../timers/timer-scheduler';

// Scheduler and host alone (no database server): the ticker fixture needs none.
const FIXTURE_FUNCTIONS_ROOT = resolve(__dirname, 'fixtures', 'cloudfunctions');
const quietLogger = pino({ level: 'silent' });

interface Recorded {
  event: { Type: string; TriggerName: string; Time: string; Message: string };
  source: string | null;
  triggerSrc: string | null;
  openid: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CloudBase 7-field cron', () => {
  it('reads second minute hour day month weekday year on China time', () => {
    // 02:00:00 in Shanghai is 18:00:00 UTC the day before.
    const next = nextFireTime('0 0 2 * * * *', new Date('2026-03-10T12:00:00Z'));
    expect(next?.toISOString()).toBe('2026-03-10T18:00:00.000Z');
    expect(nextFireTime('0 30 9 * * MON-FRI *', new Date('2026-03-14T00:00:00Z'))?.toISOString()).toBe('2026-03-16T01:30:00.000Z');
    expect(nextFireTime('0 0 0 1 1 * 2030', new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2029-12-31T16:00:00.000Z');
    expect(nextFireTime('0 0 0 1 1 * 2020', new Date('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it.each(['0 0 2 * * *', 'every day', '0 0 25 * * * *'])('rejects "%s" naming the function and trigger', (cron) => {
    expect(() => validateTimerCron('campaigns', 'nightly', cron)).toThrow(TimerConfigError);
    expect(() => validateTimerCron('campaigns', 'nightly', cron)).toThrow(/function "campaigns", timer trigger "nightly"/);
  });

  it('stops startup when a config.json has an invalid cron', () => {
    const root = mkdtempSync(join(tmpdir(), 'timers-'));
    try {
      mkdirSync(join(root, 'badcron'));
      writeFileSync(join(root, 'badcron', 'index.js'), 'exports.main = async () => 1;');
      writeFileSync(join(root, 'badcron', 'config.json'), JSON.stringify({ triggers: [{ name: 'oops', type: 'timer', config: '0 0 2 * *' }] }));
      expect(() => discoverFunctions(root)).toThrow(/function "badcron", timer trigger "oops": invalid cron/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

// WeChat, 云开发 › 云函数 › 定时触发器
// (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.html):
// "triggers 字段是触发器数组，目前仅支持一个触发器，即数组只能填写一个，不可添加多个";
// "type: 触发器类型，目前仅支持 timer"; name "最大支持 60 个字符，支持 a-z, A-Z, 0-9, - 和 _。必须以字母开头";
// "Cron 表达式有七个必需字段，按空格分隔"; 年 "1970~2099 的整数"; 通配符 ", - * /".
describe('config.json triggers the platform accepts', () => {
  const config = (triggers: unknown[]) => JSON.stringify({ timeout: 10, triggers });
  const daily = { name: 'daily', type: 'timer', config: '0 0 2 * * * *' };

  it('accepts one timer trigger with a 7-field cron', () => {
    expect(parseFunctionConfig('fn', config([daily])).timers).toEqual([{ name: 'daily', cron: '0 0 2 * * * *' }]);
    expect(parseFunctionConfig('fn', config([{ ...daily, config: '*/5 * * * * * *' }])).timers).toHaveLength(1);
    expect(parseFunctionConfig('fn', JSON.stringify({ timeout: 3 })).timers).toEqual([]);
  });

  it.each([
    ['two triggers', [daily, { ...daily, name: 'hourly', config: '0 0 * * * * *' }], /WeChat allows 1 trigger per function/],
    ['an unknown trigger type', [{ ...daily, type: 'cos' }], /only "timer" is supported/],
    ['a name starting with a digit', [{ ...daily, name: '1daily' }], /starting with a letter/],
    ['a name over 60 characters', [{ ...daily, name: `a${'b'.repeat(60)}` }], /up to 60 characters/],
    ['a 6-field cron', [{ ...daily, config: '0 0 2 * * *' }], /6 fields/],
    ['a year after 2099', [{ ...daily, config: '0 0 2 1 1 * 2100' }], /year 2100 outside 1970-2099/],
    ['an undocumented wildcard', [{ ...daily, config: '0 0 2 ? * * *' }], /wildcard other than/],
    ['an hour of 25', [{ ...daily, config: '0 0 25 * * * *' }], /invalid cron/],
  ])('refuses %s', (_label, triggers, message) => {
    expect(() => parseFunctionConfig('fn', config(triggers))).toThrow(message);
  });

  it('every function in cloudfunctions/ declares a config the platform accepts', () => {
    const functions = discoverFunctions(resolve(__dirname, '..', '..', 'cloudfunctions'));
    expect(functions.length).toBeGreaterThan(5);
    for (const fn of functions) expect(fn.config.timers.length).toBeLessThanOrEqual(1);
  });
});

describe('timer scheduler with the function host', () => {
  let scheduler: TimerScheduler | undefined;
  afterEach(() => scheduler?.stop());

  function ticker(schedule: boolean) {
    const host = createFunctionHost({ functionsRoot: FIXTURE_FUNCTIONS_ROOT, envId: 'test-env', appid: 'wx-test', log: quietLogger });
    scheduler = startTimerScheduler({ functions: host.functions, call: host.call, log: quietLogger, schedule });
    const events = async () => (await host.invoke('ticker', { action: 'events' }, { source: CallSources.console })) as Recorded[];
    return { host, scheduler, events };
  }

  it('lists every timer trigger with its next run', () => {
    const { scheduler: s } = ticker(false);
    expect(s.timers.map((t) => `${t.functionName}/${t.triggerName}`)).toEqual(['ticker/everySecond']);
    expect(s.timers.every((t) => t.nextRun === null)).toBe(true);
  });

  it('fires a timer now with the cloud timer event and wx_trigger source', async () => {
    const { scheduler: s, events } = ticker(false);
    await expect(s.fireTimer('ticker', 'everySecond')).resolves.toMatchObject({ result: { recorded: 1 } });
    const [seen] = await events();
    expect(seen).toMatchObject({ source: 'wx_trigger', triggerSrc: 'timer', openid: null, event: { Type: 'Timer', TriggerName: 'everySecond', Message: '' } });
    expect(seen.event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('refuses an unknown trigger clearly', async () => {
    const { scheduler: s } = ticker(false);
    await expect(s.fireTimer('ticker', 'hourly')).rejects.toMatchObject({ code: 'TIMER_NOT_FOUND' });
    await expect(s.fireTimer('nope', 'everySecond')).rejects.toMatchObject({ code: 'TIMER_NOT_FOUND' });
  });

  it('runs a "* * * * * * *" trigger on its schedule within about 2 s', async () => {
    const { events } = ticker(true);
    const deadline = Date.now() + 2500;
    let seen: Recorded[] = [];
    while (Date.now() < deadline && !seen.some((r) => r.event.TriggerName === 'everySecond')) {
      await sleep(100);
      seen = await events();
    }
    expect(seen.find((r) => r.event.TriggerName === 'everySecond')).toMatchObject({ source: 'wx_trigger', event: { Type: 'Timer' } });
  });
});

describe('overlapping runs', () => {
  it('skips a tick while the same trigger is still running, and refuses a manual fire', async () => {
    const root = mkdtempSync(join(tmpdir(), 'timers-'));
    let scheduler: TimerScheduler | undefined;
    try {
      mkdirSync(join(root, 'slowjob'));
      writeFileSync(join(root, 'slowjob', 'index.js'), 'exports.main = async () => 1;');
      writeFileSync(join(root, 'slowjob', 'config.json'), JSON.stringify({ triggers: [{ name: 'tick', type: 'timer', config: '* * * * * * *' }] }));
      let started = 0;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => (release = r));
      const call = async (_name: string, _event: unknown, caller: Caller): Promise<Invocation> => {
        started += 1;
        expect(caller.source).toBe('wx_trigger');
        await gate;
        return { requestId: `r${started}`, result: null };
      };
      scheduler = startTimerScheduler({ functions: discoverFunctions(root), call, log: quietLogger, schedule: true });
      const deadline = Date.now() + 3500;
      while (started === 0 && Date.now() < deadline) await sleep(50);
      await sleep(1200); // at least one more tick passes while the first run holds the gate
      expect(started).toBe(1);
      const manual = scheduler.fireTimer('slowjob', 'tick');
      await expect(manual).rejects.toBeInstanceOf(InvocationError);
      await expect(manual).rejects.toMatchObject({ code: 'TIMER_BUSY' });
      release();
    } finally {
      scheduler?.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
