import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measureMiniprogram, PACKAGE_LIMIT, type SizeReport } from '../../scripts/size';

const ROOT = resolve(__dirname, '..', '..');
const APP = join(ROOT, 'miniprogram');
type Pkg = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'miniprogram_npm') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Packages whose components pages and components use (usingComponents "/miniprogram_npm/<package>/…"). */
function componentPackages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'miniprogram_npm') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return componentPackages(path);
    if (!path.endsWith('.json')) return [];
    const using = readJson<{ usingComponents?: Record<string, string> }>(path).usingComponents ?? {};
    return Object.values(using).flatMap((target) => /^\/miniprogram_npm\/((?:@[^/]+\/)?[^/]+)\//.exec(target)?.[1] ?? []);
  });
}

/** Bare module names the mini-program's code imports at run time (type-only imports excluded), and component packages. */
function importedPackages(): string[] {
  const names = new Set<string>(componentPackages(APP));
  for (const file of sources(APP)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import (?!type )[^'"]*?(?:from |= require\()'([^.'][^']*)'/gm)) names.add(m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0]);
  }
  return [...names].sort();
}

describe('the mini-program\'s own dependency set', () => {
  const mp = readJson<Pkg>(join(APP, 'package.json'));
  const root = readJson<Pkg>(join(ROOT, 'package.json'));

  it('lists exactly what pages import, pinned to the versions the root installs', () => {
    expect(Object.keys(mp.dependencies ?? {}).sort()).toEqual(importedPackages());
    for (const [name, version] of Object.entries(mp.dependencies ?? {})) expect(root.dependencies?.[name] ?? root.devDependencies?.[name]).toBe(version);
  });

  it('is what DevTools Build npm maps (project.config.json packNpmRelationList)', () => {
    const project = readJson<{ setting: { packNpmManually: boolean; packNpmRelationList: unknown[] } }>(join(ROOT, 'project.config.json'));
    expect(project.setting.packNpmManually).toBe(true);
    expect(project.setting.packNpmRelationList).toEqual([{ packageJsonPath: './miniprogram/package.json', miniprogramNpmDistDir: './miniprogram/' }]);
  });
});

describe('npm run size: WeChat\'s builder on a clean copy', () => {
  let workDir: string;
  let report: SizeReport;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'size-test-'));
    report = await measureMiniprogram(workDir);
  }, 120_000);
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('packs only the mini-program\'s packages: no server SDK, HTTP client or schema library', () => {
    expect(report.npmPackages).toEqual(Object.keys(readJson<Pkg>(join(APP, 'package.json')).dependencies ?? {}).sort());
    for (const server of ['@cloudbase', 'axios', 'jsonwebtoken', 'zod', 'pino']) expect(report.npmPackages).not.toContain(server);
    expect(report.builderWarnings).toEqual([]);
  });

  it('measures the compiled JavaScript, not the TypeScript sources, and puts the staff till in its subpackage', () => {
    const app = join(workDir, 'miniprogram');
    const files = sources(app);
    expect(files).toEqual([]); // every .ts became .js
    expect(statSync(join(app, 'staff', 'till', 'index.js')).size).toBeGreaterThan(0);
    const staff = report.packages.find((p) => p.name === 'staff');
    const main = report.packages.find((p) => p.name === 'main');
    expect(staff?.files).toBeGreaterThanOrEqual(4);
    expect(main?.bytes).toBeLessThan(PACKAGE_LIMIT);
    expect(report.total).toBe(report.packages.reduce((sum, p) => sum + p.bytes, 0));
    expect(Object.keys(main?.npm ?? {}).sort()).toEqual(report.npmPackages);
  });
});
