/**
 * `npm run size`: the mini-program's main-package size as DevTools would upload it, against
 * WeChat's 2 MB limit. Code = every file under miniprogram/ (TypeScript measured as the
 * JavaScript DevTools compiles it to), npm = what "Build npm" copies into miniprogram_npm/ for
 * each dependency the mini-program uses (the package's `miniprogram` folder, else its `main`
 * file and what that requires). Exits 1 only when over the limit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildSync, transformSync } from 'esbuild';

const ROOT = resolve(__dirname, '..');
const APP = join(ROOT, 'miniprogram');
const LIMIT = 2 * 1024 * 1024;
/** The npm packages the mini-program imports (packed by DevTools' "Build npm"). */
const NPM = ['mobx-miniprogram', 'mobx-miniprogram-bindings', 'qrcode-generator', 'dayjs'];
/** Not uploaded: DevTools' own npm output (counted per package below), config and sourcemaps. */
const SKIP = new Set(['miniprogram_npm', 'node_modules', 'tsconfig.json']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function codeBytes(path: string): number {
  if (path.endsWith('.d.ts')) return 0;
  if (path.endsWith('.ts')) return Buffer.byteLength(transformSync(readFileSync(path, 'utf8'), { loader: 'ts', format: 'cjs', target: 'es2018' }).code);
  return statSync(path).size;
}

function npmBytes(name: string): number {
  const dir = join(ROOT, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main?: string; miniprogram?: string };
  if (pkg.miniprogram) return files(join(dir, pkg.miniprogram)).filter((f) => !f.endsWith('.map')).reduce((sum, f) => sum + statSync(f).size, 0);
  const result = buildSync({ entryPoints: [join(dir, pkg.main ?? 'index.js')], bundle: true, write: false, metafile: true, platform: 'neutral', logLevel: 'silent', packages: 'external' });
  return Object.values(result.metafile.inputs).reduce((sum, input) => sum + input.bytes, 0);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1).padStart(8)} KB`;

const code = files(APP).reduce((sum, f) => sum + codeBytes(f), 0);
const rows: Array<[string, number]> = [[`code (${files(APP).length} files in ${relative(ROOT, APP)}/)`, code], ...NPM.map((name): [string, number] => [`npm ${name}`, npmBytes(name)])];
const total = rows.reduce((sum, [, bytes]) => sum + bytes, 0);
for (const [label, bytes] of rows) console.log(`${kb(bytes)}  ${label}`);
console.log(`${kb(total)}  main package total, ${((total * 100) / LIMIT).toFixed(1)}% of the ${LIMIT / 1024 / 1024} MB limit`);
if (total > LIMIT) {
  console.error(`over the main-package limit by ${kb(total - LIMIT).trim()}: move pages to a subpackage or drop a dependency`);
  process.exit(1);
}
