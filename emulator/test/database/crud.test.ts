// Basic CRUD through the real SDK: get/where/orderBy/skip/limit/field, count,
// add (single, batch), doc().update/set/remove, where().update/remove,
// updateAndReturn, createCollection, missing collections, server-side limits.

import { startHarness, thrown, type AnyDoc, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const coll = (name: string) => h.db.collection(name);

describe('add', () => {
  test('single add returns a CloudBase-style id and the doc reads back with Dates', async () => {
    const at = new Date(1700000000000);
    const res = await coll('members').add({ openid: 'add-1', points: 5, ratio: 0.5, at, tags: ['a'], nested: { x: 1 } });
    expect(res.id).toMatch(/^[0-9a-f]{32}$/);
    const got = await coll('members').doc(String(res.id)).get();
    expect(got.data).toHaveLength(1);
    expect(got.data[0]).toEqual({ _id: res.id, openid: 'add-1', points: 5, ratio: 0.5, at, tags: ['a'], nested: { x: 1 } });
    expect(got.data[0].at).toBeInstanceOf(Date);
  });

  test('batch add returns ids in order; explicit _id is kept', async () => {
    const res = await coll('batch').add([{ _id: 'b1', n: 1 }, { n: 2 }, { n: 3 }]);
    expect(res.ids).toHaveLength(3);
    expect(res.ids?.[0]).toBe('b1');
    const all = await coll('batch').orderBy('n', 'asc').get();
    expect(all.data.map((d: AnyDoc) => d.n)).toEqual([1, 2, 3]);
  });

  test('duplicate _id is rejected with DATABASE_DUPLICATE_WRITE and a batch is all-or-nothing', async () => {
    await coll('dups').add({ _id: 'same', v: 1 });
    const err = await thrown(() => coll('dups').add({ _id: 'same', v: 2 }));
    expect(err.code).toBe('DATABASE_DUPLICATE_WRITE');
    const batchErr = await thrown(() => coll('dups').add([{ _id: 'new1' }, { _id: 'same' }]));
    expect(batchErr.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await coll('dups').count()).total).toBe(1);
  });

  test('serverDate() is filled in by the server', async () => {
    const before = Date.now();
    const { id } = await coll('misc').add({ at: h.db.serverDate() });
    const [doc] = (await coll('misc').doc(String(id)).get()).data;
    expect(doc.at).toBeInstanceOf(Date);
    expect(doc.at.getTime()).toBeGreaterThanOrEqual(before - 5);
  });
});

describe('get', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 12 }, (_, i) => ({ _id: `q${String(i).padStart(2, '0')}`, n: i, even: i % 2 === 0, group: i < 6 ? 'low' : 'high', sub: { v: 100 - i } }));
    await coll('query').add(docs);
  });

  test('where / orderBy / skip / limit / field', async () => {
    const res = await coll('query').where({ even: true }).orderBy('n', 'desc').skip(1).limit(3).field({ n: true }).get();
    expect(res.data).toEqual([{ _id: 'q08', n: 8 }, { _id: 'q06', n: 6 }, { _id: 'q04', n: 4 }]);
  });

  test('multi-key orderBy and exclusion projection', async () => {
    const res = await coll('query').orderBy('group', 'asc').orderBy('n', 'desc').limit(2).field({ sub: false, even: false }).get();
    expect(res.data).toEqual([{ _id: 'q11', n: 11, group: 'high' }, { _id: 'q10', n: 10, group: 'high' }]);
  });

  test('nested field query and nested orderBy', async () => {
    const res = await coll('query').where({ sub: { v: 95 } }).get();
    expect(res.data.map((d: AnyDoc) => d._id)).toEqual(['q05']);
    const byNested = await coll('query').where({ 'sub.v': h.db.command.gte(98) }).orderBy('sub.v', 'asc').get();
    expect(byNested.data.map((d: AnyDoc) => d._id)).toEqual(['q02', 'q01', 'q00']);
  });

  test('doc().get() of a missing id returns an empty list; doc().field()', async () => {
    expect((await coll('query').doc('nope').get()).data).toEqual([]);
    const res = await coll('query').doc('q03').field({ n: true }).get();
    expect(res.data).toEqual([{ _id: 'q03', n: 3 }]);
  });

  test('count', async () => {
    expect((await coll('query').count()).total).toBe(12);
    expect((await coll('query').where({ group: 'low' }).count()).total).toBe(6);
  });
});

describe('update / set / remove', () => {
  test('doc().update merges; doc().set replaces; doc().remove deletes', async () => {
    await coll('upd').add({ _id: 'u1', a: 1, b: { c: 2, d: 3 } });
    const u = await coll('upd').doc('u1').update({ a: 2, b: { c: 5 } });
    expect(u.updated).toBe(1);
    expect((await coll('upd').doc('u1').get()).data[0]).toEqual({ _id: 'u1', a: 2, b: { c: 5, d: 3 } });

    const s = await coll('upd').doc('u1').set({ only: true });
    expect(s.updated).toBe(1);
    expect((await coll('upd').doc('u1').get()).data[0]).toEqual({ _id: 'u1', only: true });

    const r = await coll('upd').doc('u1').remove();
    expect(r.deleted).toBe(1);
    expect((await coll('upd').doc('u1').get()).data).toEqual([]);
    expect((await coll('upd').doc('u1').remove()).deleted).toBe(0);
  });

  test('update of a missing doc changes nothing; set upserts', async () => {
    expect((await coll('upd').doc('ghost').update({ a: 1 })).updated).toBe(0);
    expect((await coll('upd').doc('ghost').get()).data).toEqual([]);
    const s = await coll('upd').doc('ghost').set({ a: 1 });
    expect(s.upsertedId).toBe('ghost');
    expect((await coll('upd').doc('ghost').get()).data[0]).toEqual({ _id: 'ghost', a: 1 });
  });

  test('an update that changes nothing reports updated: 0 (MongoDB nModified)', async () => {
    await coll('upd').add({ _id: 'same', a: 1 });
    expect((await coll('upd').doc('same').update({ a: 1 })).updated).toBe(0);
  });

  test('where().update is multi; where().remove is multi', async () => {
    await coll('multi').add([{ k: 'x', v: 1 }, { k: 'x', v: 2 }, { k: 'y', v: 3 }]);
    const u = await coll('multi').where({ k: 'x' }).update({ tagged: true });
    expect(u.updated).toBe(2);
    expect((await coll('multi').where({ tagged: true }).count()).total).toBe(2);
    const r = await coll('multi').where({ k: 'x' }).remove();
    expect(r.deleted).toBe(2);
    expect((await coll('multi').count()).total).toBe(1);
  });

  test('updateAndReturn returns the updated document', async () => {
    await coll('uar').add({ _id: 'r1', stock: 3 });
    const res = await coll('uar').where({ _id: 'r1', stock: h.db.command.gt(0) }).updateAndReturn({ stock: h.db.command.inc(-1) });
    expect(res.updated).toBe(1);
    expect(res.doc).toEqual({ _id: 'r1', stock: 2 });
    const none = await coll('uar').where({ _id: 'r1', stock: h.db.command.gt(5) }).updateAndReturn({ stock: h.db.command.inc(-1) });
    expect(none.updated).toBe(0);
    expect(none.doc).toBeNull();
  });
});

describe('collections', () => {
  test('reading a collection that was never created fails like the cloud', async () => {
    const err = await thrown(() => coll('neverCreated').get());
    expect(err.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await thrown(() => coll('neverCreated').count())).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await thrown(() => coll('neverCreated').where({ a: 1 }).update({ a: 2 }))).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await thrown(() => coll('neverCreated').doc('x').get())).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });

  test('collections declared in indexes.json exist (empty) from start-up', async () => {
    expect((await coll('ledger').get()).data).toEqual([]);
  });

  test('createCollection creates; creating again fails', async () => {
    await h.db.createCollection('made');
    expect((await coll('made').get()).data).toEqual([]);
    expect((await thrown(() => h.db.createCollection('made'))).code).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
  });
});

describe('server-side limits', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1100 }, (_, i) => ({ i }));
    for (let k = 0; k < docs.length; k += 500) await coll('big').add(docs.slice(k, k + 500));
  });

  test('default limit is 100', async () => {
    expect((await coll('big').get()).data).toHaveLength(100);
  });

  test('limit is capped at 1000', async () => {
    expect((await coll('big').limit(5000).get()).data).toHaveLength(1000);
  });

  test('skip pages through', async () => {
    const page = await coll('big').orderBy('i', 'asc').skip(1000).limit(1000).get();
    expect(page.data).toHaveLength(100);
    expect(page.data[0].i).toBe(1000);
  });
});
