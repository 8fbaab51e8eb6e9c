import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readFunctionConfig, type FunctionConfig } from './function-config';

/** One deployable function: a folder with an entry file and a config.json. */
export interface FunctionDefinition {
  name: string;
  dir: string;
  /** index.ts when present (source), else index.js (already built or plain JS). */
  entry: string;
  config: FunctionConfig;
}

const ENTRY_FILES = ['index.ts', 'index.js'];

/**
 * Every folder under `root` that has config.json and an index file is a function. Folders
 * without them (the shared domain code, helpers) are skipped: that is the rule the cloud
 * follows too, since only folders with a config become deployed functions.
 */
export function discoverFunctions(root: string): FunctionDefinition[] {
  const absoluteRoot = resolve(root);
  if (!existsSync(absoluteRoot)) throw new Error(`functions root not found: ${absoluteRoot}`);
  const found: FunctionDefinition[] = [];
  for (const entry of readdirSync(absoluteRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const dir = join(absoluteRoot, entry.name);
    const configFile = join(dir, 'config.json');
    const index = ENTRY_FILES.map((file) => join(dir, file)).find((file) => existsSync(file));
    if (!index || !existsSync(configFile)) continue;
    found.push({ name: entry.name, dir, entry: index, config: readFunctionConfig(entry.name, configFile) });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
