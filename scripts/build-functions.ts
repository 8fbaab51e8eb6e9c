/**
 * `npm run build`: one self-contained CommonJS bundle per function, ready for
 * `cd dist && tcb fn deploy <name>` (or DevTools upload, see project.config.json).
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { discoverFunctions, type FunctionDefinition } from 'cloudbase-local-emulator/host/function-discovery';

/**
 * CloudBase runs Node 16.13 and 18.15 (the CLI's default runtime); targeting node16 keeps
 * the bundle valid on both.
 */
export const BUNDLE_TARGET = 'node16';
export const CLOUD_RUNTIME = 'Nodejs18.15';

export interface BuildOptions {
  functionsRoot: string;
  outDir: string;
  minify?: boolean;
}

export interface BuiltFunction {
  name: string;
  file: string;
  bytes: number;
}

function functionPackageJson(fn: FunctionDefinition): string {
  // No dependencies: everything, node-sdk included, is inside index.js, so the cloud
  // installs nothing (installDependency: false).
  return JSON.stringify({ name: fn.name, version: '1.0.0', private: true, main: 'index.js', dependencies: {} }, null, 2) + '\n';
}

/** cloudbaserc.json for @cloudbase/cli 2.x (flattened function entries, env from .env). */
function cloudbaserc(functions: FunctionDefinition[]): string {
  return (
    JSON.stringify(
      {
        version: '2.0',
        envId: '{{env.ENV_ID}}',
        functionRoot: './cloudfunctions',
        functions: functions.map((fn) => ({
          name: fn.name,
          timeout: fn.config.timeoutSeconds,
          memorySize: fn.config.memoryMb,
          runtime: CLOUD_RUNTIME,
          handler: 'index.main',
          installDependency: false,
          triggers: fn.config.timers.map((t) => ({ name: t.name, type: 'timer', config: t.cron })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

async function bundleOne(fn: FunctionDefinition, outDir: string, minify: boolean): Promise<BuiltFunction> {
  const target = join(outDir, 'cloudfunctions', fn.name);
  mkdirSync(target, { recursive: true });
  const file = join(target, 'index.js');
  await build({
    entryPoints: [fn.entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: BUNDLE_TARGET,
    minify,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  copyFileSync(join(fn.dir, 'config.json'), join(target, 'config.json'));
  writeFileSync(join(target, 'package.json'), functionPackageJson(fn));
  return { name: fn.name, file, bytes: statSync(file).size };
}

export async function buildFunctions(options: BuildOptions): Promise<BuiltFunction[]> {
  const functions = discoverFunctions(options.functionsRoot);
  const outDir = resolve(options.outDir);
  rmSync(join(outDir, 'cloudfunctions'), { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const built: BuiltFunction[] = [];
  // One at a time: esbuild is already parallel inside, and the machine has two cores.
  for (const fn of functions) built.push(await bundleOne(fn, outDir, options.minify ?? true));
  writeFileSync(join(outDir, 'cloudbaserc.json'), cloudbaserc(functions));
  return built;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

async function cli(): Promise<void> {
  const root = resolve(__dirname, '..');
  const outDir = join(root, 'dist');
  const built = await buildFunctions({ functionsRoot: join(root, 'cloudfunctions'), outDir });
  for (const fn of built) process.stdout.write(`  ${fn.name.padEnd(24)} ${formatSize(fn.bytes).padStart(10)}  ${fn.file}\n`);
  process.stdout.write(`built ${built.length} function(s) into ${join(outDir, 'cloudfunctions')}; deploy config ${join(outDir, 'cloudbaserc.json')}\n`);
}

if (require.main === module) {
  cli().catch((error: unknown) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
