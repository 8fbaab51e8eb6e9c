import type { CollectionName } from './collections';
import { database, type Database } from './database';

/**
 * A thin typed layer over the SDK's untyped database API. Every read and write in the domain
 * goes through here (or through Tx in ./transaction.ts), so the SDK's `any` stays in this file.
 */

type Untyped = Record<string, unknown>;
export type Where = Record<string, unknown>;
export interface FindOptions {
  orderBy?: Array<[field: string, direction: 'asc' | 'desc']>;
  limit?: number;
  skip?: number;
  fields?: Record<string, boolean>;
}

/** Some SDK paths resolve with `{ code, message }` instead of throwing; make them throw. */
export function checked<T extends object>(result: T): T {
  const code = (result as { code?: unknown }).code;
  if (typeof code === 'string' && code.length > 0) {
    const error = new Error((result as { message?: string }).message ?? code) as Error & { code: string };
    error.code = code;
    throw error;
  }
  return result;
}

function stripId<T extends { _id?: unknown }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/**
 * The helpers over one database handle. The functions use the exports below (the SDK app of the
 * current environment); test support builds a second set over the emulator's inspection channel.
 */
export function storeOver(db: () => Database) {
  function collection(name: CollectionName): ReturnType<Database['collection']> {
    return db().collection(name);
  }

  async function getById<T>(name: CollectionName, id: string): Promise<T | null> {
    const res = checked(await collection(name).doc(id).get()) as { data?: unknown };
    const list = Array.isArray(res.data) ? res.data : res.data ? [res.data] : [];
    return (list[0] as T | undefined) ?? null;
  }

  async function find<T>(name: CollectionName, where: Where, options: FindOptions = {}): Promise<T[]> {
    let query = collection(name).where(where);
    for (const [field, direction] of options.orderBy ?? []) query = query.orderBy(field, direction);
    if (options.skip) query = query.skip(options.skip);
    if (options.limit) query = query.limit(options.limit);
    if (options.fields) query = query.field(options.fields);
    const res = checked(await query.get()) as { data: unknown[] };
    return res.data as T[];
  }

  async function findOne<T>(name: CollectionName, where: Where): Promise<T | null> {
    const [first] = await find<T>(name, where, { limit: 1 });
    return first ?? null;
  }

  async function count(name: CollectionName, where: Where): Promise<number> {
    const res = checked(await collection(name).where(where).count()) as { total: number };
    return res.total;
  }

  /** Inserts with the given `_id` (or a generated one) and returns the id. */
  async function insert<T extends { _id?: string }>(name: CollectionName, doc: T): Promise<string> {
    const res = checked(await collection(name).add(doc as Untyped)) as { id: string };
    return res.id;
  }

  /** Inserts several documents in one request (each with its `_id`). */
  async function insertMany<T extends { _id: string }>(name: CollectionName, docs: readonly T[]): Promise<void> {
    checked((await collection(name).add(docs as unknown as Untyped[])) as object);
  }

  /** Replaces (or creates) the document with this id. */
  async function put<T extends { _id: string }>(name: CollectionName, doc: T): Promise<void> {
    checked(await collection(name).doc(doc._id).set(stripId(doc) as Untyped));
  }

  async function patch(name: CollectionName, id: string, changes: Untyped): Promise<number> {
    const res = checked(await collection(name).doc(id).update(changes)) as { updated?: number };
    return res.updated ?? 0;
  }

  async function patchWhere(name: CollectionName, where: Where, changes: Untyped): Promise<number> {
    const res = checked(await collection(name).where(where).update(changes)) as { updated?: number };
    return res.updated ?? 0;
  }

  async function removeWhere(name: CollectionName, where: Where): Promise<number> {
    const res = checked(await collection(name).where(where).remove()) as { deleted?: number };
    return res.deleted ?? 0;
  }

  async function aggregate<T>(name: CollectionName, build: (agg: ReturnType<ReturnType<Database['collection']>['aggregate']>) => { end(): Promise<unknown> }): Promise<T[]> {
    const res = checked((await build(collection(name).aggregate()).end()) as object) as { data?: unknown[]; list?: unknown[] };
    return (res.data ?? res.list ?? []) as T[];
  }

  return { getById, find, findOne, count, insert, insertMany, put, patch, patchWhere, removeWhere, aggregate };
}

export type StoreHelpers = ReturnType<typeof storeOver>;

export const { getById, find, findOne, count, insert, insertMany, put, patch, patchWhere, removeWhere, aggregate } = storeOver(database);
