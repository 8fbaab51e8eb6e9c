// phonenumber.getPhoneNumber as WeChat documents it (服务端 API "getPhoneNumber", 手机号快速验证):
// "每个code只能使用一次，code的有效期为5min"; error 40029 "code 无效". Called through node-sdk's
// callWxOpenApi, as a cloud function would.
import tcb from '@cloudbase/node-sdk';
import { startDatabaseServer, type DatabaseServer } from '../../database/server';
import { sdkEnvironmentFor } from '../../database/sdk-env';
import { createOpenApis } from '../../openapi';
import { PHONE_CODE_TTL_MS, PhoneNumberCodes } from '../../openapi/phone-number';

describe('phonenumber.getPhoneNumber', () => {
  let db: DatabaseServer;
  let now = Date.parse('2026-03-10T02:00:00Z');
  const codes = new PhoneNumberCodes(() => now, 'wx_test_app');
  const exchange = async (code: unknown) => {
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    return (await app.callWxOpenApi({ apiName: 'phonenumber.getPhoneNumber', requestData: { code } })).result as Record<string, unknown>;
  };
  beforeAll(async () => {
    db = await startDatabaseServer({ openApi: createOpenApis({ dataDir: null, now: () => now, phoneNumbers: codes }) });
    Object.assign(process.env, sdkEnvironmentFor(db.url));
  });
  afterAll(() => db.close());

  it('exchanges an issued code once for the phone_info WeChat returns', async () => {
    const code = codes.issue('13812345678');
    expect(await exchange(code)).toEqual({
      errcode: 0,
      errmsg: 'ok',
      phone_info: { phoneNumber: '13812345678', purePhoneNumber: '13812345678', countryCode: '86', watermark: { timestamp: Math.floor(now / 1000), appid: 'wx_test_app' } },
    });
    expect(await exchange(code)).toMatchObject({ errcode: 40029 });
  });

  it('answers 40029 for an unknown, empty or expired code', async () => {
    expect(await exchange('not-issued')).toMatchObject({ errcode: 40029 });
    expect(await exchange('')).toMatchObject({ errcode: 40029 });
    expect(await exchange(42)).toMatchObject({ errcode: 40029 });
    const code = codes.issue('13900001111');
    now += PHONE_CODE_TTL_MS + 1;
    expect(await exchange(code)).toMatchObject({ errcode: 40029 });
  });

  it('still accepts a code at the end of its five minutes', async () => {
    const code = codes.issue('13900002222');
    now += PHONE_CODE_TTL_MS;
    expect(await exchange(code)).toMatchObject({ errcode: 0, phone_info: { purePhoneNumber: '13900002222' } });
  });

  it('issues codes only for mainland mobile numbers', () => {
    expect(() => codes.issue('12345')).toThrow(/mainland/);
  });
});
