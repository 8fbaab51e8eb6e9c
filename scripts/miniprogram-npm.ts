/**
 * The mini-program's npm packages, built by WeChat's own builder (`miniprogram-ci`, the npm
 * builder extracted from DevTools; `packNpmManually` runs offline). miniprogram/package.json lists
 * what pages import; its packages come from the root node_modules (same pinned versions, which
 * `npm ci` installs), copied into miniprogram/node_modules where the builder looks for them.
 * `npm run mp:npm` does it in place, the same as DevTools' Tools → Build npm.
 */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
}

export interface PackResult {
  miniProgramPackNum: number;
  otherNpmPackNum: number;
  warnList: Array<{ msg: string; jsPath?: string }>;
}

const readJson = (file: string): PackageJson => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/**
 * Copies every dependency of `appDir/package.json`, and theirs, from `rootNodeModules` into
 * `appDir/node_modules`. Refuses a version that differs from the pin: the mini-program must ship
 * exactly what the tests ran against. Returns the names copied.
 */
export function installMiniprogramDependencies(appDir: string, rootNodeModules: string): string[] {
  const target = join(appDir, 'node_modules');
  rmSync(target, { recursive: true, force: true });
  const copied: string[] = [];
  const visit = (name: string, wanted: string | null, from: string): void => {
    if (copied.includes(name)) return;
    // npm nests a package under its dependant when the hoisted copy has another version.
    const nested = join(from, 'node_modules', name);
    const source = existsSync(nested) ? nested : join(rootNodeModules, name);
    if (!existsSync(join(source, 'package.json'))) throw new Error(`${name} is not installed in ${rootNodeModules}: run npm ci`);
    const pkg = readJson(join(source, 'package.json'));
    if (wanted !== null && pkg.version !== wanted) throw new Error(`miniprogram/package.json pins ${name}@${wanted} but ${source} is ${pkg.version ?? '?'}: align the root package.json`);
    cpSync(source, join(target, name), { recursive: true, dereference: true });
    copied.push(name);
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, null, source);
  };
  for (const [name, version] of Object.entries(readJson(join(appDir, 'package.json')).dependencies ?? {})) visit(name, version, rootNodeModules);
  return copied;
}

/** Runs WeChat's builder: `miniprogram_npm/` appears in `appDir`, exactly as DevTools would build it. */
export async function packMiniprogramNpm(appDir: string): Promise<PackResult> {
  // Loaded lazily: the builder is large and only these scripts need it.
  const ci = (await import('miniprogram-ci')) as unknown as { packNpmManually(options: { packageJsonPath: string; miniprogramNpmDistDir: string }): Promise<PackResult> };
  rmSync(join(appDir, 'miniprogram_npm'), { recursive: true, force: true });
  return ci.packNpmManually({ packageJsonPath: join(appDir, 'package.json'), miniprogramNpmDistDir: appDir });
}

async function cli(): Promise<void> {
  const root = resolve(__dirname, '..');
  const app = join(root, 'miniprogram');
  const copied = installMiniprogramDependencies(app, join(root, 'node_modules'));
  const result = await packMiniprogramNpm(app);
  process.stdout.write(`copied ${copied.join(', ')} into miniprogram/node_modules; WeChat's builder packed ${result.miniProgramPackNum + result.otherNpmPackNum} package(s) into miniprogram/miniprogram_npm/\n`);
  for (const warning of result.warnList) process.stdout.write(`  warning: ${warning.msg}\n`);
}

if (require.main === module) {
  cli().catch((error: unknown) => {
    process.stderr.write(`mp:npm failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
