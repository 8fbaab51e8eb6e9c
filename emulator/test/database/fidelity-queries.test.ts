// Conformance: query and update answers the cloud gives, written from CloudBase's database docs
// (docs.cloudbase.net/api-reference/server/node-sdk/database/*, WeChat "云开发 数据库 指令") and
// the MongoDB manual, whose semantics CloudBase's document database follows. Real SDK only.

import { EJSON, ObjectId } from 'bson';
import { afterUpdate, startHarness, thrown, type AnyDoc, type Harness } from './harness';

let h: Harness;
const _ = () => h.db.command;
const ids = (res: { data: AnyDoc[] }): unknown[] => res.data.map((d) => d._id);
const sortedIds = (res: { data: AnyDoc[] }): string[] => res.data.map((d) => String(d._id)).sort();

beforeAll(async () => {
  h = await startHarness();
  await h.db.collection('em').add([
    { _id: 'values', tags: [1, 2, 3] },
    { _id: 'docs', tags: [{ value: 1 }, { value: -1 }] },
    { _id: 'negdocs', tags: [{ value: -1 }] },
    { _id: 'nodocs', tags: [{ other: 1 }] },
    { _id: 'mixed', tags: [5, { value: 4 }] },
    { _id: 'empty', tags: [] },
    { _id: 'none' },
  ]);
});
afterAll(() => h.close());

describe('elemMatch (MongoDB manual $elemMatch: "at least one element that matches all the specified query criteria")', () => {
  test.each([
    // An element that is a number has no field `value`: arrays of plain values never match field criteria.
    ['field condition gt', () => ({ tags: _().elemMatch({ value: _().gt(0) }) }), ['docs', 'mixed']],
    ['field exists true', () => ({ tags: _().elemMatch({ value: _().exists(true) }) }), ['docs', 'mixed', 'negdocs']],
    ['field exists false: only document elements without it', () => ({ tags: _().elemMatch({ value: _().exists(false) }) }), ['nodocs']],
    ['mod inside elemMatch', () => ({ tags: _().elemMatch({ value: Reflect.apply(_().mod, _(), [2, 0]) as unknown }) }), ['mixed']],
    ['operator on the element itself', () => ({ tags: _().elemMatch(_().gt(2)) }), ['mixed', 'values']],
    ['a negative value in a document element', () => ({ tags: _().elemMatch({ value: _().lt(0) }) }), ['docs', 'negdocs']],
  ])('%s', async (_name, where, expected) => {
    expect(sortedIds(await h.db.collection('em').where(where()).get())).toEqual(expected);
  });
});

describe('_id values the cloud stores (WeChat Document.set: "_id | String | Number | 记录的 ID")', () => {
  test('numeric _id: stored, read by doc(), queried, kept apart from the string "7"', async () => {
    await h.db.collection('ids').add([{ _id: 7, kind: 'number' }, { _id: '7', kind: 'string' }]);
    const byNumber = await h.db.collection('ids').doc(7).get();
    expect(byNumber.data).toEqual([{ _id: 7, kind: 'number' }]);
    expect((await h.db.collection('ids').doc('7').get()).data).toEqual([{ _id: '7', kind: 'string' }]);
    expect(ids(await h.db.collection('ids').where({ _id: _().gt(5) }).get())).toEqual([7]);
    await h.db.collection('ids').doc(7).update({ kind: 'still a number' });
    expect((await h.db.collection('ids').doc(7).get()).data[0].kind).toBe('still a number');
    expect((await h.db.collection('ids').doc(7).remove()).deleted).toBe(1);
    expect((await h.db.collection('ids').count()).total).toBe(1);
  });

  test('ObjectId _id (db.ObjectId): stored, queried and answered as an ObjectId (EJSON round trip)', async () => {
    const hex = '507f1f77bcf86cd799439011';
    await h.db.collection('oids').add({ _id: h.db.ObjectId({ id: hex }), n: 1 });
    await h.db.collection('oids').add({ _id: 'plain', ref: h.db.ObjectId({ id: hex }) });
    // (node-sdk 3.18's result formatter turns an ObjectId value into {} on the way out — the
    // SDK's behaviour with the cloud's EJSON {"$oid"} too — so the test checks through queries.)
    const found = (await h.db.collection('oids').where({ _id: h.db.ObjectId({ id: hex }) }).get()).data;
    expect(found.map((d) => d.n)).toEqual([1]);
    expect((await h.db.collection('oids').where({ _id: h.db.ObjectId({ id: 'ffffffffffffffffffffffff' }) }).get()).data).toEqual([]);
    const byRef = (await h.db.collection('oids').where({ ref: h.db.ObjectId({ id: hex }) }).get()).data;
    expect(byRef.map((d) => d._id)).toEqual(['plain']);
    // the raw answer carries the ObjectId in Extended JSON, as the cloud's does
    const raw = await fetch(h.server.url, {
      method: 'POST',
      body: JSON.stringify({ action: 'database.getDocument', collectionName: 'oids', queryType: 'WHERE', query: JSON.stringify({ n: 1 }) }),
    }).then((r) => r.json() as Promise<{ data: { list: string[] } }>);
    expect(raw.data.list.map((d) => EJSON.parse(d))).toEqual([{ _id: new ObjectId(hex), n: 1 }]);
  });

  test('an _id the cloud cannot store is refused and nothing is written', async () => {
    const err = await thrown(() => h.db.collection('ids2').add({ _id: '', a: 1 }));
    expect(err.code).toBe('INVALID_PARAM');
    expect((await thrown(() => h.db.collection('ids2').count())).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });
});

describe('null, missing, projection, sort, paging (MongoDB manual: "Query for Null or Missing Fields", "Sort")', () => {
  beforeAll(async () => {
    await h.db.collection('nm').add([
      { _id: 'a', v: null, n: 3, o: { x: 1, y: 2 } },
      { _id: 'b', n: 1, o: { x: 2 } },
      { _id: 'c', v: 0, n: 2 },
      { _id: 'd', v: 'text', o: { y: 9 } },
    ]);
  });
  const nm = () => h.db.collection('nm');

  test('{ v: null } matches null and missing; exists(false) only missing; neq(null) the rest', async () => {
    expect(sortedIds(await nm().where({ v: null }).get())).toEqual(['a', 'b']);
    expect(sortedIds(await nm().where({ v: _().exists(false) }).get())).toEqual(['b']);
    expect(sortedIds(await nm().where({ v: _().neq(null) }).get())).toEqual(['c', 'd']);
  });

  test('sort ascending puts missing and null first (MongoDB BSON comparison order)', async () => {
    expect(ids(await nm().orderBy('n', 'asc').get())).toEqual(['d', 'b', 'c', 'a']);
    expect(ids(await nm().orderBy('n', 'desc').get())).toEqual(['a', 'c', 'b', 'd']);
  });

  test('sort on a dotted path, then skip and limit', async () => {
    expect(ids(await nm().orderBy('o.x', 'desc').orderBy('_id', 'asc').skip(1).limit(2).get())).toEqual(['a', 'c']);
  });

  test('field() inclusion and exclusion, with dotted paths; _id is included unless excluded', async () => {
    expect((await nm().doc('a').field({ n: true }).get()).data).toEqual([{ _id: 'a', n: 3 }]);
    expect((await nm().doc('a').field({ 'o.x': true, _id: false }).get()).data).toEqual([{ o: { x: 1 } }]);
    expect((await nm().doc('a').field({ o: false, v: false }).get()).data).toEqual([{ _id: 'a', n: 3 }]);
  });

  test('count() counts every match, regardless of the page size', async () => {
    expect((await nm().where({ n: _().gte(1) }).count()).total).toBe(3);
  });

  test('regular expressions: JS RegExp and db.RegExp with options (CloudBase db.RegExp docs)', async () => {
    expect(sortedIds(await nm().where({ v: /^TE/i }).get())).toEqual(['d']);
    expect(sortedIds(await nm().where({ v: h.db.RegExp({ regexp: 'xt$', options: '' }) }).get())).toEqual(['d']);
  });

  test('_.expr compares two fields of the same document', async () => {
    await h.db.collection('ex').add([
      { _id: 'over', spent: 10, budget: 5 },
      { _id: 'under', spent: 1, budget: 5 },
    ]);
    const $ = h.db.command.aggregate;
    expect(sortedIds(await h.db.collection('ex').where(_().expr($.gt(['$spent', '$budget']))).get())).toEqual(['over']);
  });
});

describe('update operators (CloudBase db.command update docs; MongoDB manual update operators)', () => {
  let seq = 0;
  const after = (initial: AnyDoc, update: AnyDoc): Promise<AnyDoc> => afterUpdate(h.db, 'fu', `f${++seq}`, initial, update);

  test('positional $ updates the first matched element (where().update)', async () => {
    await h.db.collection('pos').add({ _id: 'p', scores: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }] });
    const res = await h.db.collection('pos').where({ _id: 'p', 'scores.k': 'b' }).update({ 'scores.$.v': 20 });
    expect(res.updated).toBe(1);
    expect((await h.db.collection('pos').doc('p').get()).data[0].scores).toEqual([{ k: 'a', v: 1 }, { k: 'b', v: 20 }]);
  });

  test('all-positional $[] updates every element', async () => {
    expect(await after({ a: [{ v: 1 }, { v: 2 }] }, { 'a.$[].v': _().inc(10) })).toEqual({ a: [{ v: 11 }, { v: 12 }] });
  });

  test('array index paths', async () => {
    expect(await after({ a: [1, 2, 3] }, { 'a.1': 20 })).toEqual({ a: [1, 20, 3] });
  });

  test('pull with a condition on document elements', async () => {
    expect(await after({ a: [{ n: 1 }, { n: 5 }, { n: 9 }] }, { a: _().pull({ n: _().gt(4) }) })).toEqual({ a: [{ n: 1 }] });
  });

  test('addToSet compares whole documents', async () => {
    expect(await after({ a: [{ x: 1 }] }, { a: _().addToSet({ x: 1 }) })).toEqual({ a: [{ x: 1 }] });
    expect(await after({ a: [{ x: 1 }] }, { a: _().addToSet({ x: 2 }) })).toEqual({ a: [{ x: 1 }, { x: 2 }] });
  });

  test('rename of a nested field, min/max on a missing field set it, mul on a missing field sets 0', async () => {
    expect(await after({ o: { a: 1 } }, { 'o.a': _().rename('o.b') })).toEqual({ o: { b: 1 } });
    expect(await after({}, { lo: _().min(3), hi: _().max(4), m: _().mul(5) })).toEqual({ lo: 3, hi: 4, m: 0 });
  });

  test('inc on a missing nested path creates it', async () => {
    expect(await after({}, { 'stats.visits': _().inc(1) })).toEqual({ stats: { visits: 1 } });
  });

  test('db.serverDate() is the server clock, optionally offset (CloudBase serverDate docs)', async () => {
    const before = Date.now();
    const doc = await after({}, { at: h.db.serverDate(), later: h.db.serverDate({ offset: 60_000 }) });
    expect(doc.at).toBeInstanceOf(Date);
    expect((doc.at as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((doc.later as Date).getTime() - (doc.at as Date).getTime()).toBe(60_000);
  });

  test('where().update() answers how many documents changed; unchanged ones are not counted', async () => {
    await h.db.collection('multi').add([{ _id: '1', g: 'x', v: 1 }, { _id: '2', g: 'x', v: 2 }, { _id: '3', g: 'y', v: 1 }]);
    expect((await h.db.collection('multi').where({ g: 'x' }).update({ v: 1 })).updated).toBe(1);
    expect((await h.db.collection('multi').where({ g: 'x' }).remove()).deleted).toBe(2);
  });
});

describe('Document.set (WeChat/CloudBase: "updated: 若指定的 _id 已存在则为 1，否则为 0"; "created" otherwise)', () => {
  test('set() on a missing document creates it: updated 0, upsertedId the id', async () => {
    const res = await h.db.collection('sets').doc('s1').set({ a: 1 });
    expect(res.updated).toBe(0);
    expect(res.upsertedId).toBe('s1');
  });

  test('set() on an existing document answers updated 1, even when the data is unchanged', async () => {
    await h.db.collection('sets').doc('s2').set({ a: 1 });
    expect((await h.db.collection('sets').doc('s2').set({ a: 1 })).updated).toBe(1);
    expect((await h.db.collection('sets').doc('s2').set({ b: 2 })).updated).toBe(1);
    expect((await h.db.collection('sets').doc('s2').get()).data).toEqual([{ _id: 's2', b: 2 }]);
  });

  test('update() that changes nothing answers updated 0 (MongoDB nModified)', async () => {
    await h.db.collection('sets').doc('s3').set({ a: 1 });
    expect((await h.db.collection('sets').doc('s3').update({ a: 1 })).updated).toBe(0);
  });
});
