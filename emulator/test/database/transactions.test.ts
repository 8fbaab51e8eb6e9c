// Transactions through the real SDK: runTransaction and startTransaction /
// commit / rollback, read-your-own-writes, isolation under concurrency, and
// conflicts with plain writes.

import { startHarness, thrown, type AnyDoc, type Harness } from './harness';
import { internalsOf } from '../../database/server';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

type Tx = Awaited<ReturnType<Harness['db']['startTransaction']>>;
const getIn = async (tx: Tx, coll: string, id: string): Promise<AnyDoc | null> =>
  ((await tx.collection(coll).doc(id).get()) as { data: AnyDoc | null }).data;
const read = async (coll: string, id: string): Promise<AnyDoc | undefined> => (await h.db.collection(coll).doc(id).get()).data[0];

test('runTransaction commits all writes and returns the callback result', async () => {
  await h.db.collection('acc').add([{ _id: 'alice', bal: 100 }, { _id: 'bob', bal: 0 }]);
  const result = await h.db.runTransaction(async (tx: Tx) => {
    const a = await getIn(tx, 'acc', 'alice');
    await tx.collection('acc').doc('alice').update({ bal: h.db.command.inc(-30) });
    await tx.collection('acc').doc('bob').update({ bal: h.db.command.inc(30) });
    await tx.collection('log').add({ _id: 'transfer-1', amount: 30 });
    return a?.bal;
  });
  expect(result).toBe(100);
  expect((await read('acc', 'alice'))?.bal).toBe(70);
  expect((await read('acc', 'bob'))?.bal).toBe(30);
  expect(await read('log', 'transfer-1')).toEqual({ _id: 'transfer-1', amount: 30 });
});

test('reads inside a transaction see its own writes; outside readers do not until commit', async () => {
  await h.db.collection('ryow').add({ _id: 'd', v: 1 });
  const tx = await h.db.startTransaction();
  expect(await getIn(tx, 'ryow', 'd')).toEqual({ _id: 'd', v: 1 });
  await tx.collection('ryow').doc('d').update({ v: 2 });
  expect(await getIn(tx, 'ryow', 'd')).toEqual({ _id: 'd', v: 2 });
  const added = await tx.collection('ryow').add({ _id: 'new', v: 9 });
  expect(added.id).toBe('new');
  expect(await getIn(tx, 'ryow', 'new')).toEqual({ _id: 'new', v: 9 });
  await tx.collection('ryow').doc('gone').set({ v: 0 });
  await tx.collection('ryow').doc('gone').remove();
  expect(await getIn(tx, 'ryow', 'gone')).toBeNull();
  expect((await read('ryow', 'd'))?.v).toBe(1);
  expect(await read('ryow', 'new')).toBeUndefined();
  await tx.commit();
  expect((await read('ryow', 'd'))?.v).toBe(2);
  expect((await read('ryow', 'new'))?.v).toBe(9);
  expect(await read('ryow', 'gone')).toBeUndefined();
});

test('set() inside a transaction upserts', async () => {
  const tx = await h.db.startTransaction();
  const res = (await tx.collection('txset').doc('x').set({ a: 1 })) as { upserted: Array<{ _id: string }> };
  expect(res.upserted[0]._id).toBe('x');
  await tx.commit();
  expect(await read('txset', 'x')).toEqual({ _id: 'x', a: 1 });
});

test('rollback discards every buffered write', async () => {
  await h.db.collection('rb').add({ _id: 'k', v: 1 });
  const tx = await h.db.startTransaction();
  await tx.collection('rb').doc('k').update({ v: 2 });
  await tx.collection('rb').add({ _id: 'k2' });
  await tx.collection('rb').doc('k').remove();
  await tx.rollback();
  expect(await read('rb', 'k')).toEqual({ _id: 'k', v: 1 });
  expect(await read('rb', 'k2')).toBeUndefined();
  expect((await thrown(() => tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
});

test('runTransaction: a thrown error rolls back; rollback(reason) rejects with the reason', async () => {
  await h.db.collection('rb2').add({ _id: 'k', v: 1 });
  await expect(
    h.db.runTransaction(async (tx: Tx) => {
      await tx.collection('rb2').doc('k').update({ v: 2 });
      throw new Error('business rule failed');
    }),
  ).rejects.toThrow('business rule failed');
  await expect(
    h.db.runTransaction(async (tx: Tx) => {
      await tx.collection('rb2').doc('k').update({ v: 3 });
      await tx.rollback({ code: 'NOPE' });
    }),
  ).rejects.toEqual({ code: 'NOPE' });
  expect((await read('rb2', 'k'))?.v).toBe(1);
  expect(internalsOf(h.server).transactions.activeCount).toBe(0);
});

test('a plain write between a transaction read and its commit makes the commit conflict', async () => {
  await h.db.collection('iso').add({ _id: 'c', v: 0 });
  const tx = await h.db.startTransaction();
  const seen = await getIn(tx, 'iso', 'c');
  await tx.collection('iso').doc('c').update({ v: Number(seen?.v) + 10 });
  await h.db.collection('iso').doc('c').update({ v: h.db.command.inc(1) });
  const err = await thrown(() => tx.commit());
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await read('iso', 'c'))?.v).toBe(1);
});

test('inserting an _id inside a transaction that someone else inserts first conflicts', async () => {
  await h.db.createCollection('ins');
  const tx = await h.db.startTransaction();
  await tx.collection('ins').add({ _id: 'order-1', by: 'tx' });
  await h.db.collection('ins').add({ _id: 'order-1', by: 'plain' });
  expect((await thrown(() => tx.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await read('ins', 'order-1'))?.by).toBe('plain');
  const tx2 = await h.db.startTransaction();
  expect((await thrown(() => tx2.collection('ins').add({ _id: 'order-1' }))).code).toBe('DATABASE_DUPLICATE_WRITE');
  await tx2.rollback();
});

test('two concurrent runTransaction increments both land (one is retried)', async () => {
  await h.db.collection('ctr').add({ _id: 'two', n: 0 });
  const bump = () =>
    h.db.runTransaction(async (tx: Tx) => {
      const doc = await getIn(tx, 'ctr', 'two');
      await tx.collection('ctr').doc('two').update({ n: Number(doc?.n) + 1 });
    });
  await Promise.all([bump(), bump()]);
  expect((await read('ctr', 'two'))?.n).toBe(2);
});

test('20 concurrent read-modify-write transactions: final value == successful commits', async () => {
  await h.db.collection('ctr').add({ _id: 'many', n: 0 });
  const { transactions } = internalsOf(h.server);
  const committedBefore = transactions.counters.committed;
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, () =>
      h.db.runTransaction(async (tx: Tx) => {
        const doc = await getIn(tx, 'ctr', 'many');
        await tx.collection('ctr').doc('many').update({ n: Number(doc?.n) + 1 });
      }),
    ),
  );
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  for (const r of results) {
    if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  }
  expect(ok).toBeGreaterThan(0);
  expect((await read('ctr', 'many'))?.n).toBe(ok);
  expect(transactions.counters.committed - committedBefore).toBe(ok);
  expect(transactions.activeCount).toBe(0);
});
