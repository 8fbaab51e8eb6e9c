// Conformance: transactions as the cloud runs them. CloudBase transactions are MongoDB
// multi-document transactions (CloudBase docs "数据库事务": snapshot reads, a write conflict
// makes runTransaction retry, 30 s lifetime); the MongoDB manual ("Transactions and Read
// Concern": read concern "snapshot"; "In-progress Transactions and Write Conflicts": "If a
// transaction is in progress and a write outside the transaction modifies a document that an
// operation in the transaction later tries to modify, the transaction aborts because of a write
// conflict", and a second transaction writing a document the first wrote gets a write conflict
// at that write). Real SDK only.

import { startHarness, thrown, type AnyDoc, type Harness } from './harness';

let h: Harness;
let clock = Date.parse('2026-01-01T00:00:00Z');
beforeAll(async () => {
  h = await startHarness({ now: () => clock });
});
afterAll(() => h.close());

type Tx = Awaited<ReturnType<Harness['db']['startTransaction']>>;
const getIn = async (tx: Tx, coll: string, id: string): Promise<AnyDoc | null> =>
  ((await tx.collection(coll).doc(id).get()) as { data: AnyDoc | null }).data;
const read = async (coll: string, id: string): Promise<AnyDoc | undefined> => (await h.db.collection(coll).doc(id).get()).data[0];

describe('snapshot reads', () => {
  test('a document read twice in one transaction does not show a write committed outside in between', async () => {
    await h.db.collection('snap').add({ _id: 'a', v: 1 });
    const tx = await h.db.startTransaction();
    expect(await getIn(tx, 'snap', 'a')).toEqual({ _id: 'a', v: 1 });
    await h.db.collection('snap').doc('a').update({ v: 2 });
    expect(await getIn(tx, 'snap', 'a')).toEqual({ _id: 'a', v: 1 });
    await tx.commit(); // read-only: nothing to conflict
    expect((await read('snap', 'a'))?.v).toBe(2);
  });

  test('the snapshot also hides documents inserted or removed outside after the transaction started', async () => {
    await h.db.collection('snap').add({ _id: 'gone', v: 1 });
    const tx = await h.db.startTransaction();
    await getIn(tx, 'snap', 'a'); // the snapshot is taken
    await h.db.collection('snap').add({ _id: 'late', v: 1 });
    await h.db.collection('snap').doc('gone').remove();
    expect(await getIn(tx, 'snap', 'late')).toBeNull();
    expect(await getIn(tx, 'snap', 'gone')).toEqual({ _id: 'gone', v: 1 });
    const listed = (await tx.collection('snap').where({ v: 1 }).get()).data.map((d: AnyDoc) => d._id);
    expect(listed.sort()).toEqual(['gone']);
    await tx.rollback();
  });

  test('write skew is allowed: two transactions read both documents and each writes a different one (snapshot isolation)', async () => {
    await h.db.collection('skew').add([{ _id: 'x', on: true }, { _id: 'y', on: true }]);
    const t1 = await h.db.startTransaction();
    const t2 = await h.db.startTransaction();
    for (const t of [t1, t2]) {
      await getIn(t, 'skew', 'x');
      await getIn(t, 'skew', 'y');
    }
    await t1.collection('skew').doc('x').update({ on: false });
    await t2.collection('skew').doc('y').update({ on: false });
    await t1.commit();
    await t2.commit();
    expect([(await read('skew', 'x'))?.on, (await read('skew', 'y'))?.on]).toEqual([false, false]);
  });
});

describe('write conflicts are reported at the conflicting write', () => {
  test('a second transaction updating a document the first one wrote gets DATABASE_TRANSACTION_CONFLICT from its update', async () => {
    await h.db.collection('wc').add({ _id: 'd', n: 0 });
    const t1 = await h.db.startTransaction();
    const t2 = await h.db.startTransaction();
    await t1.collection('wc').doc('d').update({ n: 1 });
    const err = await thrown(() => t2.collection('wc').doc('d').update({ n: 2 }));
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    await t1.commit(); // the first writer is unaffected
    expect((await read('wc', 'd'))?.n).toBe(1);
    // the conflicting transaction was aborted
    expect((await thrown(() => t2.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
  });

  test('writing a document changed outside since the snapshot conflicts at the write', async () => {
    await h.db.collection('wc').add({ _id: 'e', n: 0 });
    const tx = await h.db.startTransaction();
    await getIn(tx, 'wc', 'e');
    await h.db.collection('wc').doc('e').update({ n: 5 });
    expect((await thrown(() => tx.collection('wc').doc('e').update({ n: 1 }))).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await read('wc', 'e'))?.n).toBe(5);
  });

  test('runTransaction re-runs the callback after a conflict at the write, so both increments land', async () => {
    await h.db.collection('wc').add({ _id: 'ctr', n: 0 });
    const first = await h.db.startTransaction();
    await first.collection('wc').doc('ctr').update({ n: h.db.command.inc(1) });
    let runs = 0;
    const second = h.db.runTransaction(async (tx: Tx) => {
      runs++;
      if (runs === 2) await first.commit(); // let the owner finish before the retry
      const doc = await getIn(tx, 'wc', 'ctr');
      await tx.collection('wc').doc('ctr').update({ n: Number(doc?.n) + 1 });
    });
    await second;
    expect(runs).toBe(2);
    expect((await read('wc', 'ctr'))?.n).toBe(2);
  });
});

describe('operations SDK 3.18 sends with the transaction id (CloudBase: the cloud runs them in the transaction)', () => {
  test('where().get() reads the transaction view, own writes included', async () => {
    await h.db.collection('tq').add([{ _id: 'a', g: 1 }, { _id: 'b', g: 2 }]);
    const tx = await h.db.startTransaction();
    await tx.collection('tq').doc('b').update({ g: 1 });
    await tx.collection('tq').add({ _id: 'c', g: 1 });
    const res = await tx.collection('tq').where({ g: 1 }).orderBy('_id', 'asc').get();
    expect(res.data.map((d: AnyDoc) => d._id)).toEqual(['a', 'b', 'c']);
    expect((await h.db.collection('tq').where({ g: 1 }).get()).data.map((d) => d._id)).toEqual(['a']);
    await tx.rollback();
  });

  test('a batch add() inside a transaction inserts all documents at commit, none before', async () => {
    const tx = await h.db.startTransaction();
    const res = (await tx.collection('tb').add([{ _id: 'p', v: 1 }, { _id: 'q', v: 2 }])) as { ids: string[] };
    expect(res.ids).toEqual(['p', 'q']);
    expect((await thrown(() => h.db.collection('tb').count())).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    await tx.commit();
    expect((await h.db.collection('tb').count()).total).toBe(2);
  });

  test('updateAndReturn() inside a transaction updates the first match and answers it as updated', async () => {
    await h.db.collection('tr').add([{ _id: 'seat1', free: true }, { _id: 'seat2', free: true }]);
    const tx = await h.db.startTransaction();
    const res = (await tx.collection('tr').where({ free: true }).updateAndReturn({ free: false, by: 'me' })) as { updated: number; doc: AnyDoc };
    expect(res.updated).toBe(1);
    expect(res.doc).toEqual({ _id: 'seat1', free: false, by: 'me' });
    expect((await read('tr', 'seat1'))?.free).toBe(true);
    await tx.commit();
    expect(await read('tr', 'seat1')).toEqual({ _id: 'seat1', free: false, by: 'me' });
  });
});

describe('misuse of an ended transaction: DATABASE_TRANSACTION_FAIL, the message saying what happened', () => {
  test('committed, aborted, unknown', async () => {
    const done = await h.db.startTransaction();
    await done.commit();
    const afterCommit = await thrown(() => done.collection('x').doc('a').get());
    expect(afterCommit.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(afterCommit.message).toMatch(/has been committed/);

    const dropped = await h.db.startTransaction();
    await dropped.rollback();
    const afterAbort = await thrown(() => dropped.commit());
    expect(afterAbort.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(afterAbort.message).toMatch(/has been aborted/);
  });

  test('a transaction older than 30 s is aborted (CloudBase: 事务 ... 超过 30 秒 ... 自动回滚)', async () => {
    await h.db.collection('slow').add({ _id: 's', v: 0 });
    const tx = await h.db.startTransaction();
    await tx.collection('slow').doc('s').update({ v: 1 });
    clock += 30_001;
    const err = await thrown(() => tx.commit());
    expect(err.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(err.message).toMatch(/30 s/);
    expect((await read('slow', 's'))?.v).toBe(0);
  });
});
