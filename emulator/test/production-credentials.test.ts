import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import pino from 'pino';
import { productionCredentialProblems } from '../database/production-credentials';
import { sdkEnvironmentFor } from '../database/sdk-env';
import { startEmulator } from '..';

/** The emulator refuses to start from a shell that holds production-looking CloudBase credentials. */
const REAL_LOOKING: Array<[string, Record<string, string>, string]> = [
  ['a Tencent Cloud SecretId', { TENCENTCLOUD_SECRETID: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE' }, 'TENCENTCLOUD_SECRETID looks like a real Tencent Cloud SecretId'],
  ['a Tencent Cloud SecretKey', { TENCENTCLOUD_SECRETKEY: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' }, 'TENCENTCLOUD_SECRETKEY looks like a real'],
  ['temporary credentials', { TENCENTCLOUD_SESSIONTOKEN: 'token' }, 'TENCENTCLOUD_SESSIONTOKEN is set'],
  ['a real cloud function runtime', { TENCENTCLOUD_RUNENV: 'SCF' }, 'TENCENTCLOUD_RUNENV is "SCF"'],
  ['a real environment id', { TCB_ENV: 'prod-4g7x2a9c1b' }, 'TCB_ENV names a CloudBase environment ("prod-4g7x2a9c1b")'],
  ['the SDK pointed at the cloud', { TCB_CONTEXT_CNFG: JSON.stringify({ URL: 'https://tcb-api.tencentcloudapi.com/admin' }) }, 'TCB_CONTEXT_CNFG points the SDK at tcb-api.tencentcloudapi.com'],
];

describe('production-looking credentials', () => {
  it("accepts the emulator's own environment (what a previous start in this process left behind)", () => {
    expect(productionCredentialProblems({ ...sdkEnvironmentFor('http://127.0.0.1:4567/admin') })).toEqual([]);
    expect(productionCredentialProblems({})).toEqual([]);
  });

  it.each(REAL_LOOKING)('refuses to start with %s', async (_label, env, problem) => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const starting = startEmulator({ functionsRoot: resolve(__dirname, 'fixtures', 'cloudfunctions'), dataDir: null, dbPort: 0, hostPort: 0, timers: false, logger: pino({ level: 'silent' }) });
      await expect(starting).rejects.toThrow('refusing to start the local emulator: its environment holds production-looking CloudBase credentials');
      await expect(starting).rejects.toThrow(problem);
    } finally {
      for (const key of Object.keys(env)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it('the start command says why and exits non-zero', async () => {
    const root = resolve(__dirname, '..', '..');
    const run = await new Promise<{ code: number; stderr: string }>((done) => {
      const env = { ...process.env, TENCENTCLOUD_SECRETID: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE' };
      execFile(resolve(root, 'node_modules', '.bin', 'tsx'), ['emulator/cli/index.ts', 'start', '--functions', 'emulator/test/fixtures/cloudfunctions', '--memory', '--port', '0', '--no-timers'], { cwd: root, env, timeout: 20_000 }, (error, _stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
      );
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('TENCENTCLOUD_SECRETID looks like a real Tencent Cloud SecretId');
    expect(run.stderr).toContain('unset these variables');
  }, 20_000);
});
