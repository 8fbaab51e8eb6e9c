import { main as memberMain } from '../../cloudfunctions/member';
import type { CloudContext } from '../../cloudfunctions/shared/platform/caller';
import { EMULATOR_MARKER as FUNCTIONS_MARKER, runsOnEmulator } from '../../cloudfunctions/shared/platform/secrets';
import { EMULATOR_MARKER, sdkEnvironmentFor } from '../../emulator/database/sdk-env';
import { joinMember, startWorld, type LoyaltyWorld } from '../support/loyalty';

/**
 * The fixed development secrets switch on only under the emulator: its own marker with the SDK on
 * loopback. WeChat (Cloud.getWXContext): "如果在云函数本地调试中，ENV 会为 local，SOURCE 会为 wx_client",
 * and DevTools' local debugging runs against the real environment's database, so `local` alone must
 * not sign member codes with a value anyone can read in this repository.
 */
const LOOPBACK = JSON.stringify({ URL: 'http://127.0.0.1:4000/admin' });

describe('when the development secrets apply', () => {
  it('the emulator and the functions agree on the marker', () => {
    expect(FUNCTIONS_MARKER).toBe(EMULATOR_MARKER);
    expect(runsOnEmulator(sdkEnvironmentFor('http://127.0.0.1:4000/admin'))).toBe(true);
  });

  it.each([
    ['DevTools local debugging (ENV local)', { TCB_ENV: 'local' }],
    ['nothing set (the cloud)', {}],
    ['the marker alone', { [EMULATOR_MARKER]: '1' }],
    ['the marker with the SDK pointed away from this machine', { [EMULATOR_MARKER]: '1', TCB_CONTEXT_CNFG: JSON.stringify({ URL: 'https://tcb-api.tencentcloudapi.com/admin' }) }],
    ['a loopback SDK without the marker', { TCB_ENV: 'local', TCB_CONTEXT_CNFG: LOOPBACK }],
    ['a marker that is not "1"', { [EMULATOR_MARKER]: 'true', TCB_CONTEXT_CNFG: LOOPBACK }],
  ])('not with %s', (_label, env) => {
    expect(runsOnEmulator(env)).toBe(false);
  });
});

describe('through main(event, context)', () => {
  let world: LoyaltyWorld;
  const context: CloudContext = { request_id: 'r-sec', environment: JSON.stringify({ TCB_ENV: 'local', TCB_SOURCE: 'wx_client', WX_OPENID: 'o_sec_alice', WX_APPID: 'wx_sec' }) };
  const event = { action: 'code', userInfo: { appId: 'wx_sec', openId: 'o_sec_alice' } };

  beforeAll(async () => {
    world = await startWorld();
    await joinMember(world, 'o_sec_alice');
  });
  afterAll(() => world.close());

  async function withEnv<T>(changes: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
    const saved = Object.fromEntries(Object.keys(changes).map((k) => [k, process.env[k]]));
    const apply = (values: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(values)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    };
    apply(changes);
    try {
      return await work();
    } finally {
      apply(saved);
    }
  }

  it('on the emulator a member code is issued with the development secret', async () => {
    await expect(memberMain(event, context)).resolves.toMatchObject({ ok: true, data: { code: expect.any(String) } });
  });

  it('with ENV local but no emulator marker (DevTools local debugging) the missing secret is a configuration error', async () => {
    const result = await withEnv({ [EMULATOR_MARKER]: undefined, MEMBER_CODE_SECRET: undefined }, () => memberMain(event, context));
    expect(result).toEqual({ ok: false, code: 'INTERNAL', message: 'Server secret MEMBER_CODE_SECRET is not configured' });
  });

  it('a configured secret is used wherever the function runs', async () => {
    const result = await withEnv({ [EMULATOR_MARKER]: undefined, MEMBER_CODE_SECRET: 'a-real-secret-of-enough-length' }, () => memberMain(event, context));
    expect(result).toMatchObject({ ok: true, data: { code: expect.any(String) } });
  });
});
