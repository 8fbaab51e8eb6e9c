import { realpathSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { FunctionLoader } from './function-loader';

export interface FunctionWatcher {
  close(): void;
}

/**
 * `--watch`: when a file under the functions root changes, the functions that import it
 * (directly or through shared code) load the new code on their next call. In-flight calls
 * finish on the old code. What a reload loses is the changed modules' state: module-level
 * caches, SDK instances created at load, anything a test hook injected into those modules.
 * Files outside the root (typings, config.json triggers, new functions) need a restart.
 */
export function watchFunctions(root: string, loader: FunctionLoader, log: Logger): FunctionWatcher {
  const absoluteRoot = realpathSync(root);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    const reloaded = new Set<string>();
    for (const file of pending) for (const name of loader.forgetChanged(file, absoluteRoot)) reloaded.add(name);
    const files = [...pending].map((f) => f.slice(absoluteRoot.length + 1));
    pending.clear();
    if (reloaded.size > 0) log.info({ files, functions: [...reloaded] }, `reloading on next call: ${[...reloaded].join(', ')}`);
  };
  const watcher: FSWatcher = watch(absoluteRoot, { recursive: true }, (_event, name) => {
    if (!name || name.includes('node_modules') || !/\.(ts|js|json)$/.test(name)) return;
    pending.add(join(absoluteRoot, name.toString()));
    // Editors write a file in several steps: act once they are done.
    timer ??= setTimeout(flush, 100);
  });
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
