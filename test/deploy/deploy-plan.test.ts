import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { discoverFunctions } from 'cloudbase-local-emulator';
import { validateWithCliSchema } from '../../scripts/deploy/cli-schema';
import { CLOUD_RUNTIME, type CloudbaseRc } from '../../scripts/deploy/cloudbaserc';
import { deploySteps, formatPlan, requiredVariables } from '../../scripts/deploy/plan';

const ROOT = resolve(__dirname, '..', '..');
const FUNCTIONS_ROOT = join(ROOT, 'cloudfunctions');
const run = promisify(execFile);

type IndexSpec = { name: string; fields: Array<[string, 1 | -1]>; unique?: boolean };
const indexesJson = JSON.parse(readFileSync(join(FUNCTIONS_ROOT, 'shared', 'data', 'indexes.json'), 'utf8')) as Record<string, IndexSpec[]>;
const collectionNames = Object.keys(indexesJson).filter((k) => !k.startsWith('$'));

describe('deploy plan (npm run deploy -- --dry-run)', () => {
  let outDir: string;
  let dryRun: string;
  let config: CloudbaseRc;

  // One build for the whole file: the dry run itself (offline, no .env.local needed) into a temp dir.
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'deploy-plan-'));
    dryRun = (await run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'deploy.ts'), '--dry-run', '--out', outDir], { cwd: ROOT, timeout: 150_000 })).stdout;
    config = JSON.parse(readFileSync(join(outDir, 'cloudbaserc.json'), 'utf8')) as CloudbaseRc;
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('deploys every function on disk with its config.json trigger, timeout and the Node 20 runtime', () => {
    const onDisk = discoverFunctions(FUNCTIONS_ROOT);
    expect(config.functions.map((f) => f.name)).toEqual(onDisk.map((f) => f.name));
    for (const fn of onDisk) {
      const raw = JSON.parse(readFileSync(join(fn.dir, 'config.json'), 'utf8')) as { timeout?: number; triggers?: unknown[] };
      expect(config.functions.find((f) => f.name === fn.name)).toMatchObject({ runtime: CLOUD_RUNTIME, timeout: raw.timeout, triggers: raw.triggers ?? [], installDependency: false });
    }
  });

  it('creates every collection and index of indexes.json, each denying client access by default', () => {
    const collections = config.framework.plugins.database.inputs.collections;
    expect(collections.map((c) => c.collectionName)).toEqual(collectionNames);
    for (const c of collections) {
      expect(c.aclTag).toBe('ADMINONLY'); // security-rules.json opens nothing
      expect(c.createIndexes).toEqual(
        indexesJson[c.collectionName].map((i) => ({ name: i.name, unique: i.unique ?? false, keys: i.fields.map(([name, dir]) => ({ name, direction: String(dir) })) })),
      );
    }
  });

  it('passes the CloudBase CLI\'s own cloudbaserc schema, which does refuse a broken config', () => {
    expect(validateWithCliSchema(config, [CLOUD_RUNTIME]).errors).toEqual([]);
    const broken = structuredClone(config);
    broken.framework.plugins.database.inputs.collections[0].aclTag = 'NOBODY' as 'ADMINONLY';
    (broken.functions[0] as { memory: number }).memory = 300;
    const errors = validateWithCliSchema(broken, [CLOUD_RUNTIME]).errors.join('\n');
    expect(errors).toMatch(/aclTag/);
    expect(errors).toMatch(/functions\[0\]\/memory/);
  });

  it('carries secrets only as .env.local placeholders, for the functions whose code reads them', () => {
    const values = config.functions.flatMap((f) => Object.values(f.envVariables));
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toMatch(/^\{\{env\.[A-Z_]+\}\}$/);
    expect(Object.keys(config.functions.find((f) => f.name === 'member')?.envVariables ?? {})).toEqual(['MEMBER_CODE_SECRET', 'MEMBER_DATA_KEY', 'ADMIN_API_KEY']);
    // Every function reads the admin key (the handler checks a console call's adminKey); points reads no other secret.
    expect(config.functions.find((f) => f.name === 'points')?.envVariables).toEqual({ ADMIN_API_KEY: '{{env.ADMIN_API_KEY}}' });
    expect(requiredVariables(config)).toEqual(['ADMIN_API_KEY', 'ENV_ID', 'MEMBER_CODE_SECRET', 'MEMBER_DATA_KEY']);
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('.env.local');
  });

  it('prints functions, triggers, collections, indexes, rules, variables and the tcb commands', () => {
    const plan = formatPlan(config, 'env-123', new Set(['ENV_ID']));
    for (const fn of config.functions) expect(plan).toContain(`  ${fn.name}: ${CLOUD_RUNTIME}`);
    expect(plan).toContain('timer dispatch "0 */5 * * * * *"');
    for (const name of collectionNames) expect(plan).toMatch(new RegExp(`^  ${name}: rule ADMINONLY`, 'm'));
    for (const index of collectionNames.flatMap((c) => indexesJson[c])) expect(plan).toContain(`${index.name}(`);
    expect(plan).toContain('MEMBER_CODE_SECRET: MISSING');
    expect(plan).toContain('ENV_ID: set');
    for (const step of deploySteps('env-123')) expect(plan).toContain(`tcb ${step.args.join(' ')}`);
  });

  it('keeps cloud logs JSON lines in the bundle (pino inside, no transport)', async () => {
    const jobs = join(outDir, 'cloudfunctions', 'jobs', 'index.js');
    // A database that refuses connections: the dispatcher fails and the handler logs the error.
    const script = `require(process.argv[1]).main({ Type: 'Timer', TriggerName: 'dispatch', Time: '2026-01-01T00:00:00Z', Message: '' },
      { request_id: 'r-log', time_limit_in_ms: 5000, environment: JSON.stringify({ TCB_SOURCE: 'wx_trigger' }) }).then((r) => console.log(JSON.stringify(r)));`;
    const env = { ...process.env, TCB_CONTEXT_CNFG: JSON.stringify({ URL: 'http://127.0.0.1:9/admin' }), TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x', JEST_WORKER_ID: '', LOYALTY_LOG_LEVEL: 'info' };
    const { stdout } = await run(process.execPath, ['-e', script, jobs], { env, timeout: 30_000 });
    // Every stdout line parses as JSON: the answer and pino's lines (written asynchronously, in either order).
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual({ ok: false, code: 'INTERNAL', message: 'Internal error (request r-log)' });
    expect(lines.some((l) => l.level === 50 && l.msg === 'unhandled error' && l.requestId === 'r-log')).toBe(true);
  }, 40_000);

  it('npm run deploy -- --dry-run prints the plan offline and deploys nothing', () => {
    expect(dryRun).toContain(`Functions (${config.functions.length})`);
    expect(dryRun).toContain(`Collections (${collectionNames.length}), indexes (${collectionNames.flatMap((c) => indexesJson[c]).length}), security rules (${collectionNames.length})`);
    expect(dryRun).toContain('tcb framework deploy database');
    expect(dryRun).toMatch(/dry run: nothing deployed\.\n$/);
    expect(existsSync(join(outDir, '.env.local'))).toBe(false); // secrets are copied only for a real deploy
  });
});
