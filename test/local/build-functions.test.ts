import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildFunctions, type BuiltFunction } from '../../scripts/build-functions';

const FIXTURE_FUNCTIONS_ROOT = resolve(__dirname, '..', '..', 'emulator', 'test', 'fixtures', 'cloudfunctions');
const run = promisify(execFile);

// Calls the bundle in a plain Node process, as the cloud runtime would: no tsx, no jest
// transform, no node_modules next to it.
const CALL_BUNDLE = `
const { main } = require(process.argv[1]);
const context = { request_id: 'r-1', function_name: 'whoami', function_version: '$LATEST', namespace: 'env', memory_limit_in_mb: 256, time_limit_in_ms: 5000,
  environment: JSON.stringify({ WX_OPENID: 'o-built', TCB_SOURCE: 'wx_client' }) };
Promise.resolve(main({}, context)).then((r) => process.stdout.write(JSON.stringify(r)));
`;

describe('npm run build (esbuild bundles)', () => {
  let outDir: string;
  let built: BuiltFunction[];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'build-functions-'));
    built = (await buildFunctions({ functionsRoot: FIXTURE_FUNCTIONS_ROOT, outDir, dataDir: resolve(__dirname, '..', '..', 'cloudfunctions', 'shared', 'data') })).functions;
  }, 30_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('bundles every function folder and skips the shared one', () => {
    expect(built.map((b) => b.name)).toEqual(['boom', 'dbping', 'echo', 'httpecho', 'pingscan', 'sleepy', 'ticker', 'whoami']);
    expect(existsSync(join(outDir, 'cloudfunctions', 'shared'))).toBe(false);
    for (const name of ['config.json', 'package.json', 'index.js', 'app.js', 'app.js.map']) expect(existsSync(join(outDir, 'cloudfunctions', 'whoami', name))).toBe(true);
  });

  it('writes a dependency-free package.json and copies config.json', () => {
    const pkg = JSON.parse(readFileSync(join(outDir, 'cloudfunctions', 'ticker', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'ticker', main: 'index.js', dependencies: {} });
    const config = readFileSync(join(outDir, 'cloudfunctions', 'ticker', 'config.json'), 'utf8');
    expect(config).toBe(readFileSync(join(FIXTURE_FUNCTIONS_ROOT, 'ticker', 'config.json'), 'utf8'));
  });

  it('writes cloudbaserc.json for tcb fn deploy', () => {
    const rc = JSON.parse(readFileSync(join(outDir, 'cloudbaserc.json'), 'utf8')) as { envId: string; functionRoot: string; functions: Record<string, unknown>[] };
    expect(rc.envId).toBe('{{env.ENV_ID}}');
    expect(rc.functionRoot).toBe('./cloudfunctions');
    expect(rc.functions.find((f) => f.name === 'ticker')).toMatchObject({
      timeout: 3,
      handler: 'index.main',
      runtime: 'Nodejs20.19',
      installDependency: false,
      triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }],
    });
  });

  it('produces a bundle whose main runs with the real node-sdk inside', async () => {
    const whoami = built.find((b) => b.name === 'whoami');
    if (!whoami) throw new Error('whoami not built');
    const { stdout } = await run(process.execPath, ['-e', CALL_BUNDLE, join(dirname(whoami.file), 'index.js')], { cwd: outDir, timeout: 15_000 });
    expect(JSON.parse(stdout)).toMatchObject({ openid: 'o-built', source: 'wx_client', greeting: 'hello o-built' });
  });

  it('ships an external source map, so a stack trace in the cloud names the TypeScript source', async () => {
    const boom = built.find((b) => b.name === 'boom');
    if (!boom) throw new Error('boom not built');
    expect(readFileSync(boom.file, 'utf8')).toMatch(/\/\/# sourceMappingURL=app\.js\.map\s*$/);
    const map = JSON.parse(readFileSync(`${boom.file}.map`, 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    expect(map.sources.some((s) => s.endsWith('boom/index.ts'))).toBe(true);
    const script = `require(process.argv[1]).main({ sync: true }).catch(() => {}); `;
    const failed = await run(process.execPath, ['-e', `try { ${script} } catch (e) { process.stdout.write(e.stack); }`, join(dirname(boom.file), 'index.js')], { cwd: outDir, timeout: 15_000 });
    expect(failed.stdout).toMatch(/sync kaboom[\s\S]*boom\/index\.ts:\d+/);
  });

});
