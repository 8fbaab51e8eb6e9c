/**
 * `npm run deploy`: build, check the generated cloudbaserc.json with the CloudBase CLI's own
 * schema, then deploy functions (with triggers and env variables), collections, indexes and
 * security rules through `tcb` (@cloudbase/cli, a devDependency). Needs `tcb login` once and a
 * `.env.local` (git-ignored) with ENV_ID and the secrets.
 * `npm run deploy -- --dry-run` prints the full plan and stops: offline, no login, no secrets needed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { buildFunctions } from './build-functions';
import { validateWithCliSchema } from './deploy/cli-schema';
import { CLOUD_RUNTIME } from './deploy/cloudbaserc';
import { deploySteps, formatPlan, requiredVariables } from './deploy/plan';
import { ADMIN_KEY_ENV, ADMIN_KEY_MIN_LENGTH } from '../cloudfunctions/shared/platform/admin-key';

const ROOT = resolve(__dirname, '..');
const ENV_FILE = join(ROOT, '.env.local');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
/** `--out <dir>`: build somewhere else than dist/ (the dry-run test does). */
const DIST = resolve(option('--out') ?? join(ROOT, 'dist'));
/** The same floor the functions enforce (cloudfunctions/shared/platform/secrets.ts). */
const MIN_SECRET_LENGTH = 16;
/** The admin key guards every admin action from the console: the functions ignore a shorter one. */
const MIN_LENGTH: Record<string, number> = { [ADMIN_KEY_ENV]: ADMIN_KEY_MIN_LENGTH };

function readEnvFile(): Record<string, string> {
  if (!existsSync(ENV_FILE)) return {};
  return Object.fromEntries(Object.entries(parseEnv(readFileSync(ENV_FILE, 'utf8'))).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

async function main(): Promise<number> {
  const dryRun = process.argv.includes('--dry-run');
  const { config, configFile } = await buildFunctions({ functionsRoot: join(ROOT, 'cloudfunctions'), outDir: DIST });
  const check = validateWithCliSchema(config, [CLOUD_RUNTIME]);
  if (check.errors.length > 0) {
    process.stderr.write(`${configFile} does not pass the CloudBase CLI's schema:\n  ${check.errors.join('\n  ')}\n`);
    return 1;
  }
  const env = readEnvFile();
  const envId = env.ENV_ID ?? '<ENV_ID from .env.local>';
  process.stdout.write(formatPlan(config, envId, new Set(Object.keys(env))));
  if (dryRun) {
    process.stdout.write('\ndry run: nothing deployed.\n');
    return 0;
  }
  const missing = requiredVariables(config).filter((name) => !env[name] || (name !== 'ENV_ID' && env[name].length < (MIN_LENGTH[name] ?? MIN_SECRET_LENGTH)));
  if (missing.length > 0) {
    process.stderr.write(`\n.env.local must set ${missing.join(', ')} (secrets: at least ${MIN_SECRET_LENGTH} characters). Nothing deployed.\n`);
    return 1;
  }
  // The CLI fills {{env.X}} from .env / .env.local in its working directory (dist/, git-ignored).
  copyFileSync(ENV_FILE, join(DIST, '.env.local'));
  const tcb = require.resolve('@cloudbase/cli/bin/tcb');
  for (const step of deploySteps(envId)) {
    process.stdout.write(`\n== ${step.title}: tcb ${step.args.join(' ')}\n`);
    const result = spawnSync(process.execPath, [tcb, ...step.args], { cwd: DIST, stdio: 'inherit' });
    if (result.status !== 0) {
      process.stderr.write(`tcb ${step.args.join(' ')} failed (exit ${result.status ?? result.signal}); later steps not run.\n`);
      return 1;
    }
  }
  process.stdout.write('\ndeployed. Check triggers with `npx tcb fn detail <name>` (the CLI only warns when one fails).\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`deploy failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
