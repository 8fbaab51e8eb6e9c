import { z } from 'zod';
import { AppError } from '../platform/app-error';
import type { CollectionName } from './collections';
import { command } from './database';
import { find, type Where } from './store';

/**
 * Newest-first paging over a date field, served by an index on (filter fields…, field desc):
 * the cursor is the last page's oldest timestamp plus the ids already returned at exactly that
 * timestamp, so records sharing a timestamp are neither skipped nor repeated, and each page is
 * one range query (no skip, which the platform caps and which grows with the page number).
 */
const cursorShape = z.strictObject({ at: z.iso.datetime(), seen: z.array(z.string().max(64)).max(1000) });
type Cursor = z.infer<typeof cursorShape>;

function decode(cursor: string): Cursor {
  try {
    return cursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('INVALID_INPUT', 'cursor: not a cursor this action returned');
  }
}

function encode(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export async function pageByTime<T extends { _id?: string }, V>(
  collection: CollectionName,
  where: Where,
  field: string,
  range: { from?: Date; to?: Date },
  limit: number,
  cursor: string | undefined,
  view: (doc: T) => V,
): Promise<{ items: V[]; nextCursor: string | null }> {
  const _ = command();
  const after = cursor ? decode(cursor) : null;
  const upper = after ? new Date(after.at) : null;
  const bounds = [
    ...(range.from ? [_.gte(range.from)] : []),
    ...(range.to ? [_.lt(range.to)] : []),
    ...(upper ? [_.lte(upper)] : []),
  ];
  const condition = bounds.length === 0 ? {} : { [field]: bounds.length === 1 ? bounds[0] : _.and(...bounds) };
  const seen = new Set(after?.seen ?? []);
  const docs = await find<T>(collection, { ...where, ...condition }, { orderBy: [[field, 'desc']], limit: limit + seen.size + 1 });
  const fresh = docs.filter((d) => !seen.has(String(d._id)));
  const page = fresh.slice(0, limit);
  if (fresh.length <= limit) return { items: page.map(view), nextCursor: null };
  const last = (page[page.length - 1] as Record<string, unknown>)[field] as Date;
  const lastMs = last.getTime();
  const sameInstant = page.filter((d) => ((d as Record<string, unknown>)[field] as Date).getTime() === lastMs).map((d) => String(d._id));
  const carried = upper && upper.getTime() === lastMs ? [...seen, ...sameInstant] : sameInstant;
  return { items: page.map(view), nextCursor: encode({ at: last.toISOString(), seen: carried }) };
}
