// The open-API envelope as node-sdk's callWxOpenApi reads it (node-sdk src/wx/index.ts): the
// request `{ action: 'wx.api', apiName, requestData: JSON string }`, the answer
// `data.responseData` (a JSON string of WeChat's answer), and an SDK error when `code` is set.
import tcb from '@cloudbase/node-sdk';
import { startDatabaseServer, type DatabaseServer } from '../../database/server';
import { sdkEnvironmentFor } from '../../database/sdk-env';
import { OpenApiRegistry } from '../../openapi/registry';

describe('open API envelope', () => {
  let db: DatabaseServer;
  const seen: unknown[] = [];
  beforeAll(async () => {
    const registry = new OpenApiRegistry().register('test.echo', ({ requestData }) => {
      seen.push(requestData);
      return { errcode: 0, errmsg: 'ok', echoed: requestData };
    });
    db = await startDatabaseServer({ openApi: registry });
    Object.assign(process.env, sdkEnvironmentFor(db.url));
  });
  afterAll(() => db.close());

  it('passes requestData to the handler and returns its answer as the SDK result', async () => {
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    const res = await app.callWxOpenApi({ apiName: 'test.echo', requestData: { a: 1 } });
    expect(res.result).toEqual({ errcode: 0, errmsg: 'ok', echoed: { a: 1 } });
    expect(seen).toEqual([{ a: 1 }]);
  });

  it('answers an API it does not emulate with an SDK error naming it', async () => {
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    await expect(app.callWxOpenApi({ apiName: 'nope.missing', requestData: {} })).rejects.toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('nope.missing') });
  });
});
