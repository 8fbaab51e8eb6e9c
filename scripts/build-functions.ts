/**
 * `npm run build`: one self-contained CommonJS bundle per function plus the deploy config,
 * ready for `npm run deploy` (tcb) or DevTools upload (project.config.json cloudfunctionRoot).
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { discoverFunctions, type FunctionDefinition } from 'cloudbase-local-emulator/host/function-discovery';
import { cloudbaserc, secretsFor, type CloudbaseRc } from './deploy/cloudbaserc';
import { readDatabaseConfig } from './deploy/database-config';

/** The cloud runs Nodejs20.19 (scripts/deploy/cloudbaserc.ts), like local Node 20. */
export const BUNDLE_TARGET = 'node20';
/** The bundle proper; index.js is a two-line entry that turns source maps on first. */
const APP_FILE = 'app.js';

export interface BuildOptions {
  functionsRoot: string;
  outDir: string;
  minify?: boolean;
  /** Folder with indexes.json and security-rules.json (default: <functionsRoot>/shared/data). */
  dataDir?: string;
}

export interface BuiltFunction {
  name: string;
  file: string;
  bytes: number;
  /** Source files in the bundle (relative to the working directory, as esbuild reports them). */
  inputs: string[];
}

export interface BuildResult {
  functions: BuiltFunction[];
  config: CloudbaseRc;
  configFile: string;
}

function functionPackageJson(fn: FunctionDefinition): string {
  // No dependencies: everything, node-sdk included, is inside the bundle, so the cloud
  // installs nothing (installDependency: false).
  return JSON.stringify({ name: fn.name, version: '1.0.0', private: true, main: 'index.js', dependencies: {} }, null, 2) + '\n';
}

// Node applies source maps only to files loaded after they are enabled, hence the separate
// entry: stack traces in the cloud log then name the TypeScript file and line.
const ENTRY = `'use strict';\nprocess.setSourceMapsEnabled(true);\nmodule.exports = require('./${APP_FILE}');\n`;

async function bundleOne(fn: FunctionDefinition, outDir: string, minify: boolean): Promise<BuiltFunction> {
  const target = join(outDir, 'cloudfunctions', fn.name);
  mkdirSync(target, { recursive: true });
  const app = join(target, APP_FILE);
  const result = await build({
    entryPoints: [fn.entry],
    outfile: app,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: BUNDLE_TARGET,
    minify,
    // External map beside the bundle (app.js.map), linked from it; sources left out to keep the upload small.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  writeFileSync(join(target, 'index.js'), ENTRY);
  copyFileSync(join(fn.dir, 'config.json'), join(target, 'config.json'));
  writeFileSync(join(target, 'package.json'), functionPackageJson(fn));
  return { name: fn.name, file: app, bytes: statSync(app).size, inputs: Object.keys(result.metafile.inputs) };
}

export async function buildFunctions(options: BuildOptions): Promise<BuildResult> {
  const functions = discoverFunctions(options.functionsRoot);
  const outDir = resolve(options.outDir);
  rmSync(join(outDir, 'cloudfunctions'), { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const built: BuiltFunction[] = [];
  // One at a time: esbuild is already parallel inside, and the machine has two cores.
  for (const fn of functions) built.push(await bundleOne(fn, outDir, options.minify ?? true));
  const collections = readDatabaseConfig(options.dataDir ?? join(options.functionsRoot, 'shared', 'data'));
  const config = cloudbaserc(functions, built.map((b) => ({ name: b.name, secrets: secretsFor(b.inputs) })), collections);
  const configFile = join(outDir, 'cloudbaserc.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2) + '\n');
  return { functions: built, config, configFile };
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

async function cli(): Promise<void> {
  const root = resolve(__dirname, '..');
  const outDir = join(root, 'dist');
  const { functions, configFile } = await buildFunctions({ functionsRoot: join(root, 'cloudfunctions'), outDir });
  for (const fn of functions) process.stdout.write(`  ${fn.name.padEnd(24)} ${formatSize(fn.bytes).padStart(10)}  ${fn.file}\n`);
  process.stdout.write(`built ${functions.length} function(s) into ${join(outDir, 'cloudfunctions')}; deploy config ${configFile}\n`);
}

if (require.main === module) {
  cli().catch((error: unknown) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
