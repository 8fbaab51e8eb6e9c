import type { CollectionName } from '../../data/collections';
import { command } from '../../data/database';
import { find, type Where } from '../../data/store';

export interface WalkResult {
  scanned: number;
  /** Last id handled; null when the walk reached the end. */
  cursor: string | null;
}

/**
 * Visits documents matching `where` in `_id` order, one page at a time, until the matches run
 * out or the time budget does. The returned cursor lets the next invocation continue, so a walk
 * over a million documents spans as many invocations as it needs without holding them in memory.
 */
export async function walk<T extends { _id: string }>(
  collection: CollectionName,
  where: Where,
  options: { after?: string | null; pageSize: number; timeLeftMs: () => number; maxDocs?: number },
  visitPage: (docs: T[]) => Promise<void>,
): Promise<WalkResult> {
  const _ = command();
  let cursor = options.after ?? '';
  let scanned = 0;
  for (;;) {
    if (options.timeLeftMs() <= 0) return { scanned, cursor };
    const room = options.maxDocs === undefined ? options.pageSize : Math.min(options.pageSize, options.maxDocs - scanned);
    if (room <= 0) return { scanned, cursor };
    const page = await find<T>(collection, { ...where, _id: _.gt(cursor) } as Where, { orderBy: [['_id', 'asc']], limit: room });
    if (page.length > 0) {
      await visitPage(page);
      scanned += page.length;
      cursor = page[page.length - 1]._id;
    }
    if (page.length < room) return { scanned, cursor: null };
  }
}
