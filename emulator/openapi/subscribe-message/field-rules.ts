// WeChat's rules for subscription-message data values, by the key's type prefix (`thing1` is a
// `thing`). Source: subscribeMessage.send, "订阅消息参数值内容限制说明"
// (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html):
//   thing 事物 "20个以内字符"; number 数字 "32位以内数字 … 可带小数"; letter 字母 "32位以内字母";
//   symbol 符号 "5位以内符号"; character_string 字符串 "32位以内数字、字母或符号";
//   time 时间 "24小时制时间格式（支持+年月日），支持填时间段 … 用“~”符号连接";
//   date 日期 "年月日格式（支持+24小时制时间），支持填时间段"; amount 金额 "1个币种符号+10位以内纯数字，
//   可带小数，结尾可带“元”"; phone_number 电话 "17位以内，数字、符号"; car_number 车牌 "8位以内，第一位与
//   最后一位可为汉字，其余为字母或数字"; name 姓名 "10个以内纯汉字或20个以内纯字母或符号";
//   phrase 汉字 "5个以内汉字".
// `enum` ("只能上传枚举值范围内的字段值") needs the template's enum list, which the emulator's template
// file does not carry: any non-empty value passes (docs/emulator differences).

const HAN = '\\p{Script=Han}';
const SYMBOL = '[\\p{P}\\p{S}]';
const chars = (value: string): number => [...value].length;
const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`, 'u');

const TIME_OF_DAY = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?';
const DAY = '\\d{4}(?:年\\d{1,2}月\\d{1,2}日|-\\d{1,2}-\\d{1,2}|/\\d{1,2}/\\d{1,2})';
const DATE_POINT = `${DAY}(?:\\s*${TIME_OF_DAY})?`;
const TIME_POINT = `(?:${DAY}\\s*)?${TIME_OF_DAY}`;
const range = (point: string): RegExp => whole(`${point}(?:\\s*~\\s*${point})?`);

const RULES: Record<string, (value: string) => boolean> = {
  thing: (v) => chars(v) <= 20,
  number: (v) => whole('\\d+(?:\\.\\d+)?').test(v) && v.replace('.', '').length <= 32,
  letter: (v) => whole('[A-Za-z]{1,32}').test(v),
  symbol: (v) => whole(`${SYMBOL}{1,5}`).test(v),
  character_string: (v) => whole(`(?:[0-9A-Za-z]|${SYMBOL}){1,32}`).test(v),
  time: (v) => range(TIME_POINT).test(v),
  date: (v) => range(DATE_POINT).test(v),
  amount: (v) => whole('[¥￥$€£]?\\d{1,10}(?:\\.\\d{1,2})?元?').test(v) && /\d/.test(v),
  phone_number: (v) => whole(`(?:\\d|${SYMBOL}){1,17}`).test(v),
  car_number: (v) => whole(`(?:${HAN}|[A-Za-z0-9])[A-Za-z0-9]{0,6}(?:${HAN}|[A-Za-z0-9])?`).test(v) && chars(v) <= 8,
  // A name with any Chinese character counts as a Chinese name (10); otherwise letters and symbols (20).
  name: (v) => (/\p{Script=Han}/u.test(v) ? whole(`(?:${HAN}|[A-Za-z·])+`).test(v) && chars(v) <= 10 : whole(`(?:[A-Za-z]|${SYMBOL}| ){1,20}`).test(v)),
  phrase: (v) => whole(`${HAN}{1,5}`).test(v),
  enum: () => true,
};

/** The type of a template key: `character_string12` → `character_string`; null when unknown. */
export function keyType(key: string): string | null {
  const match = /^([a-z_]+?)\d+$/.exec(key);
  return match && Object.prototype.hasOwnProperty.call(RULES, match[1]) ? match[1] : null;
}

/** WeChat's 47003 errmsg naming the first bad field, or null when every value passes. */
export function fieldError(keywords: readonly string[], data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'argument invalid! data is empty';
  const values = data as Record<string, unknown>;
  for (const key of keywords) {
    const entry = values[key];
    const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined;
    if (value === undefined || value === null || String(value).trim() === '') return `argument invalid! data.${key}.value is empty`;
    const type = keyType(key);
    if (!type || !RULES[type](String(value))) return `argument invalid! data.${key}.value invalid`;
  }
  return null;
}
