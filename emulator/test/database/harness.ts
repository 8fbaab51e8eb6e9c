// Drives the REAL @cloudbase/node-sdk against the emulator database endpoint,
// configured only through the environment (no SDK mocks, no code branches).

import * as path from 'path';
import * as tcb from '@cloudbase/node-sdk';
import { startDatabaseServer, type DatabaseServer, type DatabaseServerOptions } from '../../database/server';
import { sdkEnvironmentFor } from '../../database/sdk-env';

export type Db = ReturnType<ReturnType<typeof tcb.init>['database']>;

export interface Harness {
  server: DatabaseServer;
  db: Db;
  close(): Promise<void>;
}

/** Index declarations for these tests (the product's own file changes independently). */
export const FIXTURE_INDEXES = path.join(__dirname, 'indexes.fixture.json');

/** Starts a server and points process.env (read by the SDK per request) at it. */
export async function startHarness(opts: DatabaseServerOptions = {}): Promise<Harness> {
  const server = await startDatabaseServer({ dataDir: null, indexesFile: FIXTURE_INDEXES, ...opts });
  Object.assign(process.env, sdkEnvironmentFor(server.url));
  const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
  return { server, db, close: () => server.close() };
}

/** Runs `fn` and returns the error the SDK threw (fails when nothing is thrown). */
export async function thrown(fn: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await fn();
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown };
    return { code: String(err.code), message: String(err.message) };
  }
  throw new Error('expected the call to throw');
}

/** A doc from the SDK's loosely typed results. */
export type AnyDoc = Record<string, unknown>;

/** Stores `initial` under a fresh id, applies `update` with doc().update(), returns the stored result without _id. */
export async function afterUpdate(db: Db, coll: string, id: string, initial: AnyDoc, update: AnyDoc): Promise<AnyDoc> {
  await db.collection(coll).add({ _id: id, ...initial });
  await db.collection(coll).doc(id).update(update);
  const [doc] = (await db.collection(coll).doc(id).get()).data as AnyDoc[];
  delete doc._id;
  return doc;
}
