// The open-API service (云调用) the node-sdk reaches through the same tcb endpoint as the
// database: `app.callWxOpenApi({ apiName, requestData })` posts `{ action: 'wx.api', apiName,
// requestData: JSON string }` and reads back `data.responseData`, a JSON string holding WeChat's
// own answer (`errcode`, `errmsg`, …; node-sdk src/wx/index.ts). One handler per API name,
// each in its own file beside this one; the database server routes `wx.*` actions here.
// The SDK's multipart variants (`wx.openApi`, `wx.wxPayApi`) can be registered the same way.

import { invalidParam } from '../database/errors';
import { optString, reqString, type JsonObject, type RequestBody } from '../database/protocol';

/** WeChat's answer for one call: `errcode` 0 on success, the API's documented code otherwise. */
export type OpenApiAnswer = { errcode: number; errmsg: string } & Record<string, unknown>;

export interface OpenApiRequest {
  /** The SDK's action: 'wx.api' (JSON), 'wx.openApi' or 'wx.wxPayApi' (multipart). */
  action: string;
  apiName: string;
  /** `requestData` parsed from the SDK's JSON string; undefined when the SDK sent none. */
  requestData: unknown;
}

export type OpenApiHandler = (request: OpenApiRequest) => OpenApiAnswer | Promise<OpenApiAnswer>;

export class OpenApiRegistry {
  private readonly handlers = new Map<string, OpenApiHandler>();

  register(apiName: string, handler: OpenApiHandler): this {
    if (this.handlers.has(apiName)) throw new Error(`open API ${apiName} registered twice`);
    this.handlers.set(apiName, handler);
    return this;
  }

  names(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** Answers one `wx.*` request in the SDK's envelope: `{ data: { responseData } }`. */
  async answer(action: string, body: RequestBody): Promise<JsonObject> {
    const apiName = reqString(body, 'apiName');
    const handler = this.handlers.get(apiName);
    if (!handler) throw invalidParam(`open API ${apiName} is not emulated (emulated: ${this.names().join(', ') || 'none'})`);
    const text = optString(body, 'requestData');
    let requestData: unknown;
    if (text !== undefined && text !== '') {
      try {
        requestData = JSON.parse(text);
      } catch {
        throw invalidParam('requestData must be a JSON string');
      }
    }
    const answer = await handler({ action, apiName, requestData });
    return { data: { responseData: JSON.stringify(answer) } };
  }
}

export const isOpenApiAction = (action: string): boolean => action.startsWith('wx.');

/** Multipart actions whose success answer the SDK reads as raw bytes (node-sdk tcbapirequester `handleWxOpenApiData`). */
export const isRawOpenApiAction = (action: string): boolean => action === 'wx.openApi' || action === 'wx.wxPayApi';
