import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a running emulator leaves its route token and the functions' admin key for local tools (the admin CLI): a file in
 * its data folder, readable by this user only, removed on a clean stop so a stopped
 * emulator's data folder holds only the database. An in-memory emulator writes none: its
 * banner prints both for EMULATOR_TOKEN / EMULATOR_ADMIN_KEY instead.
 */
export const RUN_FILE = 'emulator-run.json';

export interface RunInfo {
  url: string;
  token: string;
  /** The functions' admin key this start set (console calls carry it, see ../host/admin-key.ts). */
  adminKey: string;
  pid: number;
}

export function writeRunFile(dataDir: string, info: RunInfo): string {
  const file = join(dataDir, RUN_FILE);
  // Removed first: `mode` applies only when the file is created.
  rmSync(file, { force: true });
  writeFileSync(file, JSON.stringify(info) + '\n', { mode: 0o600, flag: 'wx' });
  return file;
}

export function removeRunFile(dataDir: string): void {
  rmSync(join(dataDir, RUN_FILE), { force: true });
}

export function readRunFile(dataDir: string): RunInfo | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, RUN_FILE), 'utf8')) as Partial<RunInfo>;
    return typeof parsed.token === 'string' && typeof parsed.url === 'string' && typeof parsed.adminKey === 'string'
      ? { url: parsed.url, token: parsed.token, adminKey: parsed.adminKey, pid: Number(parsed.pid) }
      : undefined;
  } catch {
    return undefined;
  }
}
