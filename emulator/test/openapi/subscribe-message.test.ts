// subscribeMessage.send as WeChat documents it (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/
// mp-message-management/subscribe-message/sendMessage.html), called through node-sdk callWxOpenApi:
// errcodes 40003 / 40037 / 43101 / 47003 (+ 45009 over the daily limit), one message per acceptance
// ("一次性订阅": each acceptance allows one send), and the value rules of "订阅消息参数值内容限制说明".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startDatabaseServer, type DatabaseServer } from '../../database/server';
import { sdkEnvironmentFor } from '../../database/sdk-env';
import { createOpenApis, createSubscribeMessageState } from '../../openapi';
import { fieldError } from '../../openapi/subscribe-message/field-rules';
import type { SubscribeMessageState } from '../../openapi/subscribe-message/state';

const TEMPLATE = { id: 'tmpl_points', title: '积分过期提醒', keywords: ['thing1', 'number2', 'date3', 'phrase4'] };
const good = { thing1: { value: '积分即将过期' }, number2: { value: '120' }, date3: { value: '2026年03月31日' }, phrase4: { value: '请使用' } };

function send(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return app.callWxOpenApi({ apiName: 'subscribeMessage.send', requestData: body }).then((res) => res.result as Record<string, unknown>);
}

describe('subscribeMessage.send', () => {
  let db: DatabaseServer;
  let dir: string;
  let state: SubscribeMessageState;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'subscribe-'));
    state = createSubscribeMessageState({ dataDir: dir, now: () => Date.now() }, [TEMPLATE]);
    db = await startDatabaseServer({ openApi: createOpenApis({ dataDir: dir, now: () => Date.now(), subscribeMessages: state }) });
    Object.assign(process.env, sdkEnvironmentFor(db.url));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 43101 without an acceptance, sends once per acceptance, and records the outbox', async () => {
    const body = { touser: 'o_user', template_id: 'tmpl_points', page: 'pages/points/index', data: good, miniprogram_state: 'developer', lang: 'zh_CN' };
    expect(await send(body)).toEqual({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
    expect(state.recordChoices('o_user', { errMsg: 'requestSubscribeMessage:ok', tmpl_points: 'accept', other: 'accept' })).toEqual(['tmpl_points']);
    expect(state.recordChoices('o_user', { tmpl_points: 'reject' })).toEqual([]);
    expect(await send(body)).toMatchObject({ errcode: 0, errmsg: 'ok', msgid: 1 });
    expect(await send(body)).toMatchObject({ errcode: 43101 });
    expect(state.messages({ touser: 'o_user' })).toEqual([expect.objectContaining({ touser: 'o_user', template_id: 'tmpl_points', page: 'pages/points/index', data: good, miniprogram_state: 'developer', lang: 'zh_CN' })]);
  });

  it('keeps quota and outbox across a restart (journal in the data folder)', () => {
    const again = createSubscribeMessageState({ dataDir: dir, now: () => Date.now() }, [TEMPLATE]);
    expect(again.messages()).toHaveLength(1);
    expect(again.quotaOf('o_user', 'tmpl_points')).toBe(0);
  });

  it('answers 40003, 40037 and 47003 without using quota', async () => {
    state.recordChoices('o_two', { tmpl_points: 'accept' });
    expect(await send({ touser: '', template_id: 'tmpl_points', data: good })).toMatchObject({ errcode: 40003 });
    expect(await send({ touser: 'o_two', template_id: 'nope', data: good })).toMatchObject({ errcode: 40037 });
    expect(await send({ touser: 'o_two', template_id: 'tmpl_points', data: { ...good, thing1: { value: '这是一段超过二十个字符的说明文字，微信会拒绝它' } } })).toEqual({ errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' });
    expect(await send({ touser: 'o_two', template_id: 'tmpl_points', data: { ...good, number2: { value: '' } } })).toEqual({ errcode: 47003, errmsg: 'argument invalid! data.number2.value is empty' });
    expect(await send({ touser: 'o_two', template_id: 'tmpl_points', data: good, miniprogram_state: 'beta' })).toMatchObject({ errcode: 47003 });
    expect(state.quotaOf('o_two', 'tmpl_points')).toBe(1);
  });

  it('answers 45009 past the daily call limit', async () => {
    state.dailyLimit = 0;
    try {
      expect(await send({ touser: 'o_two', template_id: 'tmpl_points', data: good })).toMatchObject({ errcode: 45009 });
    } finally {
      state.dailyLimit = 10_000_000;
    }
    expect(state.quotaOf('o_two', 'tmpl_points')).toBe(1);
  });
});

describe('subscription message value rules (订阅消息参数值内容限制说明)', () => {
  const check = (key: string, value: string): boolean => fieldError([key], { [key]: { value } }) === null;
  it.each([
    ['thing1', '二十个字以内的任意文字组合ABC123', true],
    ['thing1', '超过二十个字符的事物描述文字会被微信拒绝的哦', false],
    ['number2', '339208499', true],
    ['number2', '12.50', true],
    ['number2', '12a', false],
    ['letter1', 'abcXYZ', true],
    ['letter1', 'abc1', false],
    ['symbol1', '!@#', true],
    ['symbol1', '!!!!!!', false],
    ['character_string1', 'SF-686539', true],
    ['character_string1', '订单686539', false],
    ['time1', '15:01', true],
    ['time1', '2019年10月1日 15:01', true],
    ['time1', '下午三点', false],
    ['date1', '2019年10月1日', true],
    ['date1', '2019年10月1日 15:01 ~ 2019年10月2日 15:01', true],
    ['date1', '明天', false],
    ['amount1', '¥100.50', true],
    ['amount1', '100元', true],
    ['amount1', '一百元', false],
    ['phone_number1', '+86-0766-66888866', true],
    ['phone_number1', '+86-0766-66888866-1234', false],
    ['car_number1', '粤A8Z888挂', true],
    ['name1', '张三', true],
    ['name1', 'John Smith', true],
    ['name1', '张三李四王五赵六钱七孙', false],
    ['phrase1', '配送中', true],
    ['phrase1', '配送中请稍候', false],
    ['phrase1', 'OK', false],
  ])('%s = %p → %p', (key, value, ok) => {
    expect(check(key, value)).toBe(ok);
  });

  it('an unknown key type is refused', () => {
    expect(fieldError(['site01'], { site01: { value: 'x' } })).toBe('argument invalid! data.site01.value invalid');
  });
});
