import type { NotificationTemplateConfig } from '../../../../typings/api/notify';

/**
 * The template data of one message, checked against WeChat's value rules before anything is sent
 * (subscribeMessage.send, "订阅消息参数值内容限制说明"): a value WeChat would refuse with 47003 is
 * refused here, so a bad mapping never costs a member's quota or a call. The emulator checks the
 * same table independently, as the platform would (emulator/openapi/subscribe-message/field-rules.ts).
 */
const LIMITS: Record<string, RegExp> = {
  thing: /^[\s\S]{1,20}$/u,
  number: /^(?=[\d.]{1,33}$)\d+(?:\.\d+)?$/,
  letter: /^[A-Za-z]{1,32}$/,
  symbol: /^[\p{P}\p{S}]{1,5}$/u,
  character_string: /^(?:[0-9A-Za-z]|[\p{P}\p{S}]){1,32}$/u,
  time: /^(?:\d{4}年\d{1,2}月\d{1,2}日\s*)?\d{1,2}:\d{2}(?:\s*~\s*(?:\d{4}年\d{1,2}月\d{1,2}日\s*)?\d{1,2}:\d{2})?$/,
  date: /^\d{4}年\d{1,2}月\d{1,2}日(?:\s*\d{1,2}:\d{2})?(?:\s*~\s*\d{4}年\d{1,2}月\d{1,2}日(?:\s*\d{1,2}:\d{2})?)?$/,
  amount: /^[¥￥$]?\d{1,10}(?:\.\d{1,2})?元?$/,
  phone_number: /^[\d\p{P}\p{S}]{1,17}$/u,
  name: /^(?:\p{Script=Han}{1,10}|[A-Za-z\p{P}\p{S} ]{1,20})$/u,
  phrase: /^\p{Script=Han}{1,5}$/u,
};

export type TemplateData = Record<string, { value: string }>;

export class TemplateDataError extends Error {}

/** Fills each key's pattern with the event's values; throws TemplateDataError naming the first bad key. */
export function templateData(template: NotificationTemplateConfig, values: Readonly<Record<string, string>>): TemplateData {
  const data: TemplateData = {};
  for (const [key, pattern] of Object.entries(template.fields)) {
    const value = pattern.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? '').trim();
    const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
    const rule = type ? LIMITS[type] : undefined;
    if (!rule) throw new TemplateDataError(`${template.templateId}: ${key} is not a key type this service can check`);
    if (value === '' || !rule.test(value)) throw new TemplateDataError(`${template.templateId}: data.${key}.value "${value}" breaks WeChat's ${type} rule`);
    data[key] = { value };
  }
  return data;
}

/** A date as subscription templates expect it: 2026年03月31日. */
export function templateDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${y}年${m}月${d}日`;
}
