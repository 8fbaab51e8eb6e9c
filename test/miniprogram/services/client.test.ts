import { configure } from '../../../miniprogram/config';
import { ERROR_CODES } from '../../../typings/errors';
import { ApiError } from '../../../miniprogram/services/api-error';
import { call } from '../../../miniprogram/services/client';
import { ERROR_MESSAGES } from '../../../miniprogram/services/error-messages';
import { network } from '../../../miniprogram/services/loading';
import { failure, fakeBackend } from '../support/fake-backend';
import { wxStubs } from '../support/wx-stubs';

describe('client', () => {
  afterEach(() => configure({ localDevelopment: true }));

  it('posts { action, ...request } to the emulator with the dev openid and unwraps data', async () => {
    configure({ localDevelopment: true, emulatorUrl: 'http://127.0.0.1:3999', devOpenid: 'o_dev' });
    const backend = fakeBackend({ 'points.history': { items: [], nextCursor: null } });
    const pending = call('points', 'history', { limit: 5 });
    expect(network.busy).toBe(true);
    await expect(pending).resolves.toEqual({ items: [], nextCursor: null });
    expect(network.busy).toBe(false);
    const options = wxStubs().request.mock.calls[0][0];
    expect(options).toMatchObject({ url: 'http://127.0.0.1:3999/functions/points', method: 'POST', header: { 'x-wx-openid': 'o_dev' }, data: { action: 'history', limit: 5 } });
    expect(backend.calls).toHaveLength(1);
  });

  it('uses wx.cloud.callFunction for the cloud transport', async () => {
    configure({ localDevelopment: false });
    wxStubs().cloud.callFunction.mockImplementation((o: { success: (r: unknown) => void }) => o.success({ result: { ok: true, data: { deleted: true } } }));
    await expect(call('member', 'deleteAccount', { confirm: 'DELETE' })).resolves.toEqual({ deleted: true });
    expect(wxStubs().cloud.callFunction).toHaveBeenCalledWith(expect.objectContaining({ name: 'member', data: { action: 'deleteAccount', confirm: 'DELETE' } }));
    expect(wxStubs().request).not.toHaveBeenCalled();
  });

  it('maps an error envelope to ApiError with the Chinese message, and transport failures to NETWORK', async () => {
    fakeBackend({ 'staff.scan': failure('CODE_EXPIRED') });
    await expect(call('staff', 'scan', { code: 'x' })).rejects.toMatchObject({ code: 'CODE_EXPIRED', userMessage: '会员码已过期，请让顾客刷新后重新扫码' });
    const error = await call('staff', 'me', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'NETWORK', userMessage: '网络异常，请检查网络后重试' });
  });

  it('never retries on its own', async () => {
    fakeBackend({});
    await expect(call('staff', 'recordPurchase', { sessionId: 's', orderNo: 'SO1', amountFen: 100 })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(wxStubs().request).toHaveBeenCalledTimes(1);
  });

  it('has a non-empty Chinese message for every catalogue code', () => {
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const message of Object.values(ERROR_MESSAGES)) expect(message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
