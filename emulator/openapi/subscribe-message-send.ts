// subscribeMessage.send (云调用), as WeChat answers it. Request and errcodes from
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html:
// body { touser, template_id, page?, data: { key: { value } }, miniprogram_state?, lang? };
// 40003 "touser 字段 openid 为空或者不正确", 40037 "订阅模板 id 为空不正确", 43101 "用户拒绝接受消息，如果用户
// 之前曾经订阅过，则表示用户取消了订阅关系", 47003 "模板参数不准确，可能为空或者不满足规则，errmsg 会提示具体是哪个
// 字段出错"; over the daily call limit WeChat's global 45009 ("reach max api daily quota limit").
// The apiName node-sdk's callWxOpenApi carries is the name config.json declares: `subscribeMessage.send`.
import type { OpenApiAnswer, OpenApiHandler } from './registry';
import { fieldError } from './subscribe-message/field-rules';
import type { SubscribeMessageState } from './subscribe-message/state';

export const SUBSCRIBE_MESSAGE_SEND = 'subscribeMessage.send';

const STATES = new Set(['developer', 'trial', 'formal']);
const LANGS = new Set(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']);

const fail = (errcode: number, errmsg: string): OpenApiAnswer => ({ errcode, errmsg });

export function subscribeMessageSend(state: SubscribeMessageState): OpenApiHandler {
  return ({ requestData }) => {
    const body = (typeof requestData === 'object' && requestData !== null ? requestData : {}) as Record<string, unknown>;
    if (!state.countCall()) return fail(45009, 'reach max api daily quota limit');
    const { touser, template_id: templateId, page, data } = body;
    if (typeof touser !== 'string' || touser.trim() === '') return fail(40003, 'invalid openid');
    const template = typeof templateId === 'string' ? state.templates.get(templateId) : undefined;
    if (!template) return fail(40037, 'invalid template_id');
    const miniprogramState = body.miniprogram_state ?? 'formal';
    const lang = body.lang ?? 'zh_CN';
    if (typeof miniprogramState !== 'string' || !STATES.has(miniprogramState)) return fail(47003, 'argument invalid! miniprogram_state invalid');
    if (typeof lang !== 'string' || !LANGS.has(lang)) return fail(47003, 'argument invalid! lang invalid');
    if (page !== undefined && typeof page !== 'string') return fail(41030, 'invalid page');
    const invalid = fieldError(template.keywords, data);
    if (invalid) return fail(47003, invalid);
    const values = data as Record<string, { value: unknown }>;
    const sent = state.consumeAndRecord({
      touser,
      template_id: template.id,
      page: page ?? null,
      data: Object.fromEntries(template.keywords.map((k) => [k, { value: String(values[k].value) }])),
      miniprogram_state: miniprogramState,
      lang,
    });
    if (!sent) return fail(43101, 'user refuse to accept the msg');
    return { errcode: 0, errmsg: 'ok', msgid: sent.msgid };
  };
}
