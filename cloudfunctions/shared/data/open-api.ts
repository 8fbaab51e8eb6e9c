import { callOpenApi } from '../platform/open-api';

/** WeChat's answer to an open-API call (errcode 0 = success). */
export interface WxAnswer {
  errcode: number;
  errmsg: string;
}

export interface SubscribeMessageRequest {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogram_state: 'developer' | 'trial' | 'formal';
  lang: 'zh_CN';
}

/**
 * subscribeMessage.send through 云调用: node-sdk's callWxOpenApi posts `{ action: 'wx.api', apiName,
 * requestData }` and returns WeChat's JSON answer as `result`. apiName is the name the function's
 * config.json declares in permissions.openapi; the body is the HTTPS API's (snake_case fields).
 * Transport failures throw; WeChat's refusals come back as an errcode.
 */
export async function sendSubscribeMessage(request: SubscribeMessageRequest): Promise<WxAnswer> {
  const { errcode, errmsg } = await callOpenApi('subscribeMessage.send', { ...request });
  return { errcode, errmsg };
}
