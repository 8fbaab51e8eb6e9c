import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { StaticSite } from 'cloudbase-local-emulator';

/**
 * The admin console on `npm start`: the Vite build in console/dist, served by the emulator's
 * host under /console/ (CloudBase static hosting's stand-in). Built at start when missing or
 * older than any of its sources (a built site, not Vite's dev server: the page is what ships).
 */
const ROOT = resolve(__dirname, '..');
export const CONSOLE_DIR = join(ROOT, 'console');
export const CONSOLE_DIST = join(CONSOLE_DIR, 'dist');
export const CONSOLE_PATH = '/console/';
/** What the console's bundle is made from: its own sources and the shared modules it imports. */
const SOURCES = [join(CONSOLE_DIR, 'src'), join(CONSOLE_DIR, 'index.html'), join(CONSOLE_DIR, 'vite.config.mts'), join(ROOT, 'typings'), join(ROOT, 'miniprogram', 'services', 'error-messages.ts'), join(ROOT, 'cloudfunctions', 'shared', 'domain', 'campaigns'), join(ROOT, 'cloudfunctions', 'shared', 'platform', 'schemas.ts')];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

export function consoleBuildIsStale(): boolean {
  const built = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(built)) return true;
  return Math.max(...SOURCES.map(newest)) > statSync(built).mtimeMs;
}

/** Runs `vite build` for the console (about half a minute on a busy machine). Throws on failure. */
export function buildConsole(): void {
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(CONSOLE_DIR, 'vite.config.mts')], { cwd: CONSOLE_DIR, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
  if (result.status !== 0) throw new Error(`console build failed (vite exited ${result.status ?? result.signal})`);
}

export function ensureConsoleBuilt(progress: (line: string) => void): void {
  if (!consoleBuildIsStale()) return;
  progress('console: building the web console (vite build, console/dist)…');
  buildConsole();
  progress('console: built');
}

/** The static site: the built console, plus its runtime settings (no secret: the env id and "use this host"). */
export function consoleSite(): StaticSite {
  return {
    prefix: CONSOLE_PATH,
    root: CONSOLE_DIST,
    generated: { 'runtime-config.json': () => ({ contentType: 'application/json; charset=utf-8', body: JSON.stringify({ env: 'local', emulator: true }) }) },
  };
}
