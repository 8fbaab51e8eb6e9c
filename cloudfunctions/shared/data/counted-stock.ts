import type { CollectionName } from './collections';
import { command } from './database';
import { getById, patchWhere } from './store';

/**
 * Stock on a hot document (a coupon template's `claimed`, a group-buy deal's `groupsHeld`), taken by
 * one conditional atomic update outside any transaction:
 * `where({ _id, <stock>: stock, <count>: _.lt(stock) }).update({ <count>: _.inc(1) })`.
 * In a transaction every concurrent taker conflicts on that one document and retries, so takes per
 * second collapse as takers grow (CloudBase transactions conflict at the write). A single-document
 * update is atomic on the server, so at most `stock` updates ever match: no oversell.
 *
 * The unit is taken before what it pays for is written, so a crash in between leaves the count
 * above what was issued (a lost unit, never an oversold one) until `reconcileCount` gives it back.
 */
export interface CountedStock {
  collection: CollectionName;
  /** The field holding the stock, e.g. `totalStock`. */
  stockField: string;
  /** The field counting units taken, e.g. `claimed`. */
  countField: string;
  /** The longest a taker can run (its function's timeout): after that no take can be in flight. */
  settleMs: number;
}

type Counted = { _id: string; lastTakenAt?: Date; takes?: number } & Record<string, unknown>;

const TAKE_ATTEMPTS = 3;

function numberAt(doc: Counted, field: string): number {
  const value = doc[field];
  return typeof value === 'number' ? value : 0;
}

/**
 * Takes one unit: 'taken', 'sold_out', or 'missing' (the document is gone). The update also matches
 * the stock it was computed from, so an admin changing the stock meanwhile makes it re-read instead
 * of taking a unit against the old figure.
 */
export async function takeUnit(spec: CountedStock, doc: Counted, now: Date): Promise<'taken' | 'sold_out' | 'missing'> {
  const _ = command();
  let seen: Counted | null = doc;
  for (let attempt = 0; attempt < TAKE_ATTEMPTS && seen; attempt += 1) {
    const stock = numberAt(seen, spec.stockField);
    if (numberAt(seen, spec.countField) >= stock) return 'sold_out';
    const taken = await patchWhere(spec.collection, { _id: seen._id, [spec.stockField]: stock, [spec.countField]: _.lt(stock) }, { [spec.countField]: _.inc(1), takes: _.inc(1), lastTakenAt: now });
    if (taken === 1) return 'taken';
    seen = await getById<Counted>(spec.collection, seen._id);
  }
  return seen ? 'sold_out' : 'missing';
}

/** Gives back a unit whose purchase was not written (the taker failed after taking it). */
export async function returnUnit(spec: CountedStock, id: string): Promise<void> {
  const _ = command();
  await patchWhere(spec.collection, { _id: id, [spec.countField]: _.gt(0) }, { [spec.countField]: _.inc(-1) });
}

export interface CountRepair {
  counted: number;
  issued: number;
  /** The count after the repair (unchanged when not settled). */
  repaired: number;
  /** False while a take may still be in flight (the last unit was taken within `settleMs`). */
  settled: boolean;
}

/**
 * Makes the count equal what was actually issued, after a crash left units taken but unused. It acts
 * only once no taker can still be running, and its write matches the count and the number of
 * takes it counted against, so a take starting meanwhile makes it a no-op rather than freeing a unit that
 * taker holds. Issued never exceeds stock, so neither does the repaired count.
 */
export async function reconcileCount(spec: CountedStock, id: string, issued: () => Promise<number>, now: Date): Promise<CountRepair | null> {
  const doc = await getById<Counted>(spec.collection, id);
  if (!doc) return null;
  const actual = await issued();
  const counted = numberAt(doc, spec.countField);
  const lastTakenAt = doc.lastTakenAt ?? null;
  const settled = lastTakenAt === null || now.getTime() - new Date(lastTakenAt).getTime() > spec.settleMs;
  const result = { counted, issued: actual, repaired: counted, settled };
  if (!settled || actual === counted) return result;
  const _ = command();
  const takes = typeof doc.takes === 'number' ? doc.takes : _.exists(false);
  const updated = await patchWhere(spec.collection, { _id: id, [spec.countField]: counted, takes }, { [spec.countField]: actual });
  return updated === 1 ? { ...result, repaired: actual } : { ...result, settled: false };
}
