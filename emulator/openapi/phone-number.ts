// phonenumber.getPhoneNumber (手机号快速验证): the server exchanges the `code` the mini-program's
// `<button open-type="getPhoneNumber">` produced for the user's phone number. WeChat's doc
// ("getPhoneNumber", 服务端 API, 手机号快速验证): "该接口用于将code换取用户手机号。说明，每个code只能
// 使用一次，code的有效期为5min。" Error codes there: -1 system error, 40029 "code 无效",
// 45011 minute quota, 40013 invalid appid; an expired, reused or foreign code answers 40029.
//
// In the cloud the code comes from WeChat's phone sheet. Here nothing stands between the button
// and a real phone, so the emulator issues codes itself (`issue`): the development transport asks
// for one (POST /openapi/phonenumber/code on the function host) where WeChat would show its sheet,
// and tests call `issuePhoneCode` on the emulator. Codes live in memory: a restart forgets them,
// which at most makes an unused code invalid, as its 5 minutes would.

import { randomBytes } from 'node:crypto';
import type { OpenApiAnswer, OpenApiHandler } from './registry';

/** "code的有效期为5min" */
export const PHONE_CODE_TTL_MS = 5 * 60_000;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

interface IssuedCode {
  phoneNumber: string;
  issuedAt: number;
  used: boolean;
}

const invalidCode = (): OpenApiAnswer => ({ errcode: 40029, errmsg: 'invalid code' });

export class PhoneNumberCodes {
  private readonly codes = new Map<string, IssuedCode>();

  constructor(private readonly now: () => number, private readonly appid: string) {}

  /** What the phone sheet would hand the button: a fresh single-use code for this number. */
  issue(phoneNumber: string): string {
    if (!MAINLAND_MOBILE.test(phoneNumber)) throw new Error('the emulator issues phone codes for mainland mobile numbers (11 digits starting with 1)');
    this.forgetExpired();
    const code = randomBytes(32).toString('hex');
    this.codes.set(code, { phoneNumber, issuedAt: this.now(), used: false });
    return code;
  }

  /** The open API's handler: `{ code }` in, WeChat's `phone_info` out. */
  readonly handler: OpenApiHandler = ({ requestData }) => {
    const code = typeof requestData === 'object' && requestData !== null ? (requestData as { code?: unknown }).code : undefined;
    if (typeof code !== 'string' || code === '') return { errcode: 40029, errmsg: 'invalid code: code is required' };
    const issued = this.codes.get(code);
    const now = this.now();
    if (!issued || issued.used || now - issued.issuedAt > PHONE_CODE_TTL_MS) return invalidCode();
    issued.used = true;
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: issued.phoneNumber,
        purePhoneNumber: issued.phoneNumber,
        countryCode: '86',
        watermark: { timestamp: Math.floor(issued.issuedAt / 1000), appid: this.appid },
      },
    };
  };

  private forgetExpired(): void {
    const now = this.now();
    for (const [code, issued] of this.codes) if (issued.used || now - issued.issuedAt > PHONE_CODE_TTL_MS) this.codes.delete(code);
  }
}
