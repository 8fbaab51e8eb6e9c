// Request validation, error shapes, request statistics, and the legacy
// in-transaction actions — partly with raw HTTP, as the SDK cannot send
// malformed requests.

import { EJSON } from 'bson';
import { startHarness, thrown, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function post(body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${h.server.url}?env=local&seqId=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('validation and error shapes', () => {
  test('unknown action → EMULATOR_UNSUPPORTED naming the action', async () => {
    const res = await post({ action: 'database.teleportDocument', collectionName: 'x' });
    expect(res.code).toBe('EMULATOR_UNSUPPORTED');
    expect(res.message).toMatch(/database\.teleportDocument/);
    expect(typeof res.requestId).toBe('string');
  });

  test('malformed requests → INVALID_PARAM', async () => {
    expect((await post('not json')).code).toBe('INVALID_PARAM');
    expect((await post({ collectionName: 'x' })).code).toBe('INVALID_PARAM');
    expect((await post({ action: 'database.getDocument' })).code).toBe('INVALID_PARAM');
    expect((await post({ action: 'database.getDocument', collectionName: 'bad name!' })).code).toBe('INVALID_PARAM');
    expect((await post({ action: 'database.getDocument', collectionName: 'x', query: '{bad' })).code).toBe('INVALID_PARAM');
    expect((await post({ action: 'database.getDocument', collectionName: 'x', limit: 'ten' })).code).toBe('INVALID_PARAM');
  });

  test('unsupported BSON types and update operators are named', async () => {
    await h.db.createCollection('v');
    const dec = await post({ action: 'database.getDocument', collectionName: 'v', query: '{"n":{"$numberDecimal":"1.5"}}' });
    expect(dec.code).toBe('EMULATOR_UNSUPPORTED');
    expect(dec.message).toMatch(/Decimal128/);
    await h.db.collection('v').add({ _id: 'd' });
    const op = await post({ action: 'database.modifyDocument', collectionName: 'v', queryType: 'DOC', query: '{"_id":"d"}', data: '{"$setOnInsert":{"a":1}}' });
    expect(op.code).toBe('EMULATOR_UNSUPPORTED');
    expect(op.message).toMatch(/\$setOnInsert/);
  });

  test('the SDK surfaces error codes as err.code / err.message', async () => {
    const err = await thrown(() => h.db.collection('nope').get());
    expect(err).toEqual({ code: 'DATABASE_COLLECTION_NOT_EXIST', message: expect.stringContaining('nope') });
  });

  test('non-POST or other paths → 404', async () => {
    const res = await fetch(h.server.url.replace('/admin', '/other'), { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });
});

describe('request statistics', () => {
  test('counts reads, writes, transactions and per action; resettable', async () => {
    await h.db.createCollection('st');
    h.server.stats.resetStats();
    await h.db.collection('st').add([{ a: 1 }, { a: 2 }]);
    await h.db.collection('st').get();
    await h.db.collection('st').count();
    await h.db.collection('st').where({ a: 1 }).update({ b: 1 });
    await h.db.runTransaction(async (tx: { collection(n: string): ReturnType<Harness['db']['collection']> }) => {
      await tx.collection('st').add({ a: 3 });
    });
    const s = h.server.stats;
    expect(s.writes).toBe(3);
    expect(s.reads).toBe(2);
    expect(s.transactions).toBe(2);
    expect(s.docsWritten).toBe(4);
    expect(s.docsRead).toBe(4);
    expect(s.byAction['database.insertDocument']).toBe(2);
    expect(s.byAction['database.commitTransaction']).toBe(1);
    expect(s.snapshot().requests).toBe(7);
    s.resetStats();
    expect(s.snapshot()).toEqual({ requests: 0, reads: 0, writes: 0, transactions: 0, errors: 0, docsRead: 0, docsWritten: 0, byAction: {} });
  });
});

describe('legacy in-transaction actions', () => {
  test('getInTransaction / updateDocInTransaction / deleteDocInTransaction', async () => {
    await h.db.collection('legacy').add([{ _id: 'a', v: 1 }, { _id: 'b', v: 2 }]);
    const start = await post({ action: 'database.startTransaction' });
    const transactionId = start.transactionId as string;
    const got = await post({ action: 'database.getInTransaction', collectionName: 'legacy', transactionId, _id: 'a' });
    expect(EJSON.parse(got.data as string)).toEqual({ _id: 'a', v: 1 });
    const upd = await post({
      action: 'database.updateDocInTransaction',
      collectionName: 'legacy',
      transactionId,
      _id: 'a',
      data: EJSON.stringify({ $set: { v: 5 } }, { relaxed: false }),
    });
    expect(EJSON.parse(upd.updated as string)).toBe(1);
    const set = await post({
      action: 'database.updateDocInTransaction',
      collectionName: 'legacy',
      transactionId,
      _id: 'c',
      data: EJSON.stringify({ w: 1 }, { relaxed: false }),
      upsert: true,
    });
    expect(JSON.parse(set.upserted as string)).toEqual([{ index: 0, _id: 'c' }]);
    const del = await post({ action: 'database.deleteDocInTransaction', collectionName: 'legacy', transactionId, _id: 'b' });
    expect(EJSON.parse(del.deleted as string)).toBe(1);
    expect((await post({ action: 'database.commitTransaction', transactionId })).code).toBeUndefined();
    const all = await h.db.collection('legacy').orderBy('_id', 'asc').get();
    expect(all.data).toEqual([{ _id: 'a', v: 5 }, { _id: 'c', w: 1 }]);
  });
});
