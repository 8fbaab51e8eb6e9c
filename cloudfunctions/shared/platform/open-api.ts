import { sdkApp } from '../data/database';

/** WeChat's answer to an open-API call (云调用): errcode 0 on success, the API's own fields beside it. */
export type OpenApiResult = { errcode: number; errmsg: string } & Record<string, unknown>;

/**
 * Calls a WeChat open API through node-sdk (`callWxOpenApi`), the cloud's 云调用: no access token
 * in the function; the API must be listed in the function's config.json `permissions.openapi`.
 */
export async function callOpenApi(apiName: string, requestData: Record<string, unknown>): Promise<OpenApiResult> {
  const res = (await sdkApp().callWxOpenApi({ apiName, requestData })) as { result?: unknown; code?: unknown; message?: unknown };
  // A transport or platform failure (not WeChat's errcode): thrown, so callers never read it as an answer.
  if (typeof res.code === 'string' && res.code) throw Object.assign(new Error(String(res.message ?? res.code)), { code: res.code });
  const result: unknown = typeof res.result === 'string' ? JSON.parse(res.result) : res.result;
  if (typeof result !== 'object' || result === null || typeof (result as { errcode?: unknown }).errcode !== 'number') {
    return { errcode: -1, errmsg: 'malformed open API answer' };
  }
  return result as OpenApiResult;
}
