/**
 * `npm run size`: what WeChat would upload, per package, measured on a clean copy.
 * 1. copy miniprogram/ (sources only) and project.config.json to a temporary folder;
 * 2. build npm there with WeChat's own builder (scripts/miniprogram-npm.ts, `miniprogram-ci`);
 * 3. compile TypeScript to JavaScript as DevTools' typescript compiler plugin does, with the
 *    compiler settings of miniprogram/tsconfig.json;
 * 4. drop what is not uploaded (node_modules, tsconfig.json, project.config.json
 *    packOptions.ignore — applied with the builder's own file rules);
 * 5. sum bytes per package: the main package and each app.json subPackages root.
 * Limits (WeChat): 2 MB per package, 20 MB in all; exits 1 over a limit. Goal: main ≤ 300 KB
 * (before the component library; with tdesign-miniprogram the goal is the 2 MB limit's headroom).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { installMiniprogramDependencies, packMiniprogramNpm } from './miniprogram-npm';

const ROOT = resolve(__dirname, '..');
export const PACKAGE_LIMIT = 2 * 1024 * 1024;
// WeChat 分包加载 (developers.weixin.qq.com/miniprogram/dev/framework/subpackages): "整个小程序所有分包大小不超过
// 30M（服务商代开发的小程序不超过 20M）". We hold the stricter 20 MB, so a brand's agency can ship it too.
export const TOTAL_LIMIT = 20 * 1024 * 1024;
export const MAIN_GOAL = 300 * 1024;
/** Never uploaded, whatever packOptions says: dependency sources and compiler configuration. */
const NOT_UPLOADED = new Set(['node_modules', 'tsconfig.json']);

export interface PackageSize {
  /** `main`, or the subpackage root. */
  name: string;
  bytes: number;
  files: number;
  /** main only: bytes of each miniprogram_npm package. */
  npm: Record<string, number>;
}

export interface SizeReport {
  packages: PackageSize[];
  total: number;
  /** Packages WeChat's builder produced (folder names under miniprogram_npm/). */
  npmPackages: string[];
  builderWarnings: string[];
}

interface ProjectConfig {
  packOptions?: { ignore?: Array<{ type: string; value: string }> };
}
interface AppJson {
  subPackages?: Array<{ root: string }>;
  subpackages?: Array<{ root: string }>;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'miniprogram', 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!parsed) throw new Error('cannot read miniprogram/tsconfig.json');
  return { ...parsed.options, noEmit: false };
}

/** TypeScript → JavaScript in place (type-only imports of ../typings disappear, as in DevTools). */
function compileTypeScript(app: string): void {
  const options = compilerOptions();
  for (const file of walk(app)) {
    if (!file.endsWith('.ts')) continue;
    if (!file.endsWith('.d.ts')) writeFileSync(file.replace(/\.ts$/, '.js'), ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file }).outputText);
    unlinkSync(file);
  }
}

/** Builds a clean copy in `workDir` and measures it. */
export async function measureMiniprogram(workDir: string): Promise<SizeReport> {
  const app = join(workDir, 'miniprogram');
  cpSync(join(ROOT, 'miniprogram'), app, { recursive: true, filter: (src) => !/[\\/](node_modules|miniprogram_npm)([\\/]|$)/.test(relative(ROOT, src)) });
  cpSync(join(ROOT, 'project.config.json'), join(workDir, 'project.config.json'));
  installMiniprogramDependencies(app, join(ROOT, 'node_modules'));
  const packed = await packMiniprogramNpm(app);
  rmSync(join(app, 'node_modules'), { recursive: true, force: true });
  compileTypeScript(app);

  const project = JSON.parse(readFileSync(join(workDir, 'project.config.json'), 'utf8')) as ProjectConfig;
  // The builder's own packOptions rules (folder / file / suffix / prefix / regexp / glob).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module without typings
  const rules = require('miniprogram-ci/dist/utils/filerules') as { isFileIgnored(path: string, rules: unknown[]): boolean };
  const appJson = JSON.parse(readFileSync(join(app, 'app.json'), 'utf8')) as AppJson;
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const packages = new Map<string, PackageSize>([['main', { name: 'main', bytes: 0, files: 0, npm: {} }], ...roots.map((root): [string, PackageSize] => [root, { name: root, bytes: 0, files: 0, npm: {} }])]);

  for (const file of walk(app)) {
    const path = relative(app, file).split(sep).join('/');
    if (path.split('/').some((part) => NOT_UPLOADED.has(part))) continue;
    if (rules.isFileIgnored(path, project.packOptions?.ignore ?? [])) continue;
    const bytes = statSync(file).size;
    const target = packages.get(roots.find((root) => path.startsWith(`${root}/`)) ?? 'main');
    if (!target) continue;
    target.bytes += bytes;
    target.files += 1;
    const npm = /^miniprogram_npm\/([^/]+)\//.exec(path);
    if (npm) target.npm[npm[1]] = (target.npm[npm[1]] ?? 0) + bytes;
  }
  const list = [...packages.values()];
  return {
    packages: list,
    total: list.reduce((sum, p) => sum + p.bytes, 0),
    npmPackages: readdirSync(join(app, 'miniprogram_npm')).sort(),
    builderWarnings: packed.warnList.map((w) => w.msg),
  };
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Human-readable report; `over` lists the limits broken (empty: within every limit). */
export function formatSizeReport(report: SizeReport): { text: string; over: string[] } {
  const lines: string[] = [];
  const over: string[] = [];
  for (const p of report.packages) {
    lines.push(`${kb(p.bytes).padStart(10)}  ${p.name === 'main' ? 'main package' : `subpackage ${p.name}`} (${p.files} files), ${((p.bytes * 100) / PACKAGE_LIMIT).toFixed(1)}% of the 2 MB limit`);
    for (const [name, bytes] of Object.entries(p.npm).sort()) lines.push(`${kb(bytes).padStart(10)}    miniprogram_npm/${name}`);
    if (p.bytes > PACKAGE_LIMIT) over.push(`${p.name} is over 2 MB`);
  }
  lines.push(`${kb(report.total).padStart(10)}  all packages, limit 20 MB`);
  const main = report.packages.find((p) => p.name === 'main');
  if (main) lines.push(`main package ${main.bytes <= MAIN_GOAL ? 'within' : 'OVER'} the ${kb(MAIN_GOAL)} goal`);
  if (report.total > TOTAL_LIMIT) over.push('all packages together are over 20 MB');
  for (const warning of report.builderWarnings) lines.push(`builder warning: ${warning}`);
  return { text: lines.join('\n') + '\n', over };
}

async function cli(): Promise<number> {
  const workDir = mkdtempSync(join(tmpdir(), 'mp-size-'));
  try {
    const { text, over } = formatSizeReport(await measureMiniprogram(workDir));
    process.stdout.write(`WeChat's npm builder (miniprogram-ci) on a clean copy, TypeScript compiled with miniprogram/tsconfig.json:\n${text}`);
    for (const problem of over) process.stderr.write(`over the limit: ${problem}: move pages to a subpackage or drop a dependency\n`);
    return over.length > 0 ? 1 : 0;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  cli().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`size failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
