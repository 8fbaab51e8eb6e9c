import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * How `npm run admin` learns the admin key of the emulator `npm start` runs: the start command
 * writes it, readable by the owner only, to `.emulator/admin-key-<port>` under the working
 * directory (git-ignored) and removes it on a clean stop. A script that sets EMULATOR_ADMIN_KEY
 * for both sides needs no file, and none is written.
 */
const KEY_DIR = '.emulator';

export function adminKeyPath(port: number | string, dir = resolve(KEY_DIR)): string {
  return join(dir, `admin-key-${port}`);
}

export function writeAdminKeyFile(port: number, key: string, dir = resolve(KEY_DIR)): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = adminKeyPath(port, dir);
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return path;
}

export function readAdminKeyFile(port: number | string, dir = resolve(KEY_DIR)): string | null {
  try {
    return readFileSync(adminKeyPath(port, dir), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

export function removeAdminKeyFile(port: number, dir = resolve(KEY_DIR)): void {
  rmSync(adminKeyPath(port, dir), { force: true });
}
