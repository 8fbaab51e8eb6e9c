import { config } from '../config';
import { ApiError } from './api-error';
import { currentBackend } from './backend';

/** What `bindgetphonenumber` hands the page: a code when the user allowed, an errMsg otherwise. */
export interface PhoneNumberDetail {
  code?: string;
  errMsg?: string;
}

/**
 * The code the member function exchanges (phonenumber.getPhoneNumber). In the cloud it is the
 * button's own code. On the emulator no WeChat server stands behind the code DevTools produces,
 * so, unless the user declined, the emulator issues one for `devPhoneNumber` in its place
 * (POST /openapi/phonenumber/code; emulator/openapi/phone-number.ts). Null: the user declined.
 */
export async function phoneCodeFrom(detail: PhoneNumberDetail): Promise<string | null> {
  if (currentBackend() === 'cloud') return detail.code ? detail.code : null;
  if (detail.errMsg && /deny|cancel|fail/.test(detail.errMsg) && !detail.code) return null;
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.emulatorUrl}/openapi/phonenumber/code`,
      method: 'POST',
      header: { 'content-type': 'application/json', 'x-wx-openid': config.devOpenid },
      data: { phoneNumber: config.devPhoneNumber },
      success: (res) => {
        const body = (res.data ?? {}) as { code?: unknown; errMsg?: string };
        if (res.statusCode === 200 && typeof body.code === 'string') resolve(body.code);
        else reject(new ApiError('NETWORK', body.errMsg ?? `phone code answered ${res.statusCode}`));
      },
      fail: (err) => reject(new ApiError('NETWORK', err.errMsg)),
    });
  });
}
