import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The emulator is a package of its own, usable by any CloudBase project: none of its files
// may import from the project around it (its functions, typings, seed), only from itself,
// Node and the dependencies its package.json declares.

const PACKAGE_ROOT = resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|js)$/.test(entry.name) ? [path] : [];
  });
}

function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:from\s+|require\(\s*|import\(\s*)'([^']+)'/g)) found.push(match[1]);
  return found;
}

const packageName = (specifier: string): string => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
/** A types-only package (`import type … from 'geojson'`) is declared as `@types/geojson`. */
const isDeclared = (name: string): boolean => declared.has(name) || declared.has(`@types/${name}`);

describe('package boundary', () => {
  const files = sourceFiles(PACKAGE_ROOT);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('imports nothing from outside the package but Node built-ins and declared dependencies', () => {
    const offenders: string[] = [];
    for (const file of files) {
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        const where = `${relative(PACKAGE_ROOT, file)}: ${specifier}`;
        if (specifier.startsWith('.')) {
          if (relative(PACKAGE_ROOT, resolve(dirname(file), specifier)).startsWith('..')) offenders.push(where);
        } else if (!specifier.startsWith('node:') && !isDeclared(packageName(specifier)) && !isBuiltin(specifier)) {
          offenders.push(where);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

function isBuiltin(specifier: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:module') as typeof import('node:module')).builtinModules.includes(specifier);
}
