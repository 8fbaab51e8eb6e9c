import { config } from '../config';
import { ApiError } from './api-error';
import { currentBackend } from './backend';

/** Sends `{ action, ...request }` to a cloud function and resolves with the function's return value. */
export type Transport = (name: string, data: Record<string, unknown>) => Promise<unknown>;

/** Production: the platform's callFunction; identity is attached by WeChat. */
export const cloudTransport: Transport = (name, data) =>
  new Promise((resolve, reject) => {
    wx.cloud.callFunction({
      name,
      data,
      success: (res) => resolve(res.result),
      fail: (err) => reject(new ApiError('NETWORK', err.errMsg)),
    });
  });

interface HostBody {
  result?: unknown;
  errMsg?: string;
}

/** Development: the emulator's function host, which answers like callFunction (`{ result, requestID }`). */
export const emulatorTransport: Transport = (name, data) =>
  new Promise((resolve, reject) => {
    wx.request({
      url: `${config.emulatorUrl}/functions/${encodeURIComponent(name)}`,
      method: 'POST',
      header: { 'content-type': 'application/json', 'x-wx-openid': config.devOpenid },
      data,
      success: (res) => {
        const body = (res.data ?? {}) as HostBody;
        if (res.statusCode === 200 && 'result' in body) resolve(body.result);
        else reject(new ApiError('NETWORK', body.errMsg ?? `function host answered ${res.statusCode}`));
      },
      fail: (err) => reject(new ApiError('NETWORK', err.errMsg)),
    });
  });

/** Chosen per call (services/backend.ts): trial and release versions always get the cloud. */
export function currentTransport(): Transport {
  return currentBackend() === 'cloud' ? cloudTransport : emulatorTransport;
}
