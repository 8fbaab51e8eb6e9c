import { main as memberMain } from '../../cloudfunctions/member';
import type { CloudContext } from '../../cloudfunctions/shared/platform/caller';
import type { ApiResult } from '../../typings/envelope';
import { guardTable } from '../support/function-modules';
import { joinMember, openStore, startWorld, type LoyaltyWorld } from '../support/loyalty';

/**
 * A mini-program call arrives with the caller injected into the event: `event.userInfo = { appId, openId }`
 * (WeChat "获取小程序用户信息": "云函数的第一个参数 event 会被注入一个 userInfo 对象，其中含有 openId 字段和 appId
 * 字段"; CloudBase "调用云函数": "obtained in the cloud function through event.userInfo.openId"). Every action
 * validates its payload with a strict schema; before this was handled, every real shopper call answered
 * INVALID_INPUT 'Unrecognized key "userInfo"'. These tests go through the HTTP host, whose dev transport
 * builds the event as the platform does, and through main(event, context) with that event.
 */
let world: LoyaltyWorld;

beforeAll(async () => {
  world = await startWorld('2026-06-01T10:00:00+08:00');
  await openStore(world, 'o_evt_staff');
  await joinMember(world, 'o_evt_victim');
});
afterAll(() => world.close());

/** wx.cloud.callFunction through the emulator's dev transport: POST /functions/<name> with the caller's openid. */
async function viaHttp(openid: string, fn: string, event: Record<string, unknown>): Promise<ApiResult<unknown>> {
  const response = await fetch(`${world.emu.hostUrl}/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(event) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: ApiResult<unknown> }).result;
}

describe('the injected userInfo', () => {
  it('does not break a real shopper call: register, card, points, coupons over HTTP', async () => {
    await expect(viaHttp('o_evt_alice', 'member', { action: 'register', consentVersion: '2026-11' })).resolves.toMatchObject({ ok: true });
    await expect(viaHttp('o_evt_alice', 'member', { action: 'card' })).resolves.toMatchObject({ ok: true, data: { tier: { code: 'bronze' } } });
    await expect(viaHttp('o_evt_alice', 'points', { action: 'history' })).resolves.toMatchObject({ ok: true });
    await expect(viaHttp('o_evt_alice', 'coupon', { action: 'wallet' })).resolves.toMatchObject({ ok: true });
    await expect(viaHttp('o_evt_staff', 'staff', { action: 'me' })).resolves.toMatchObject({ ok: true, data: { storeId: 'store_1' } });
  });

  it('is never the reason any shopper or staff action refuses a call', async () => {
    const endUserActions = [...guardTable()].filter(([, guard]) => guard === 'shopper' || guard === 'staff');
    expect(endUserActions.length).toBeGreaterThan(20);
    for (const [name] of endUserActions) {
      const [fn, action] = name.split('.');
      const result = await viaHttp('o_evt_staff', fn, { action });
      if (!result.ok) expect(`${name}: ${result.message}`).not.toMatch(/userInfo/);
    }
  });

  it('every other unknown key is still refused', async () => {
    await expect(viaHttp('o_evt_alice', 'member', { action: 'card', openid: 'o_evt_victim' })).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('openid') });
    await expect(viaHttp('o_evt_alice', 'member', { action: 'card', userinfo: {} })).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('is not identity: main(event, context) answers for the context’s openid, whatever event.userInfo says', async () => {
    const context: CloudContext = { request_id: 'r-evt', environment: JSON.stringify({ TCB_ENV: 'local', TCB_SOURCE: 'wx_client', WX_OPENID: 'o_evt_alice', WX_APPID: 'wx_evt' }) };
    const mine = (await memberMain({ action: 'card', userInfo: { appId: 'wx_evt', openId: 'o_evt_alice' } }, context)) as ApiResult<{ memberId: string }>;
    const forged = (await memberMain({ action: 'card', userInfo: { appId: 'wx_evt', openId: 'o_evt_victim' } }, context)) as ApiResult<{ memberId: string }>;
    expect(mine.ok && forged.ok).toBe(true);
    if (mine.ok && forged.ok) expect(forged.data.memberId).toBe(mine.data.memberId);
    // With no identity in the context, a userInfo in the event identifies nobody.
    const anonymous = { request_id: 'r-evt2', environment: JSON.stringify({ TCB_ENV: 'local', TCB_SOURCE: 'wx_client' }) };
    await expect(memberMain({ action: 'card', userInfo: { appId: 'wx_evt', openId: 'o_evt_victim' } }, anonymous)).resolves.toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});
