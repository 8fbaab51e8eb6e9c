// Aggregation pipelines through db.collection().aggregate()...end() (mingo).

import { startHarness, thrown, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.db.collection('sales').add([
    { _id: 's1', store: 'A', amount: 10, items: ['x', 'y'], at: new Date('2024-01-01T00:00:00Z') },
    { _id: 's2', store: 'A', amount: 30, items: ['y'], at: new Date('2024-01-02T00:00:00Z') },
    { _id: 's3', store: 'B', amount: 5, items: [], at: new Date('2024-01-03T00:00:00Z') },
    { _id: 's4', store: 'C', amount: 50, items: ['z'], at: new Date('2024-01-04T00:00:00Z') },
  ]);
  await h.db.collection('stores').add([
    { _id: 'A', name: 'Alpha' },
    { _id: 'B', name: 'Beta' },
  ]);
});
afterAll(() => h.close());

const agg = () => h.db.collection('sales').aggregate();

test('$match $group $sort', async () => {
  const $ = h.db.command.aggregate;
  const res = await agg()
    .match({ amount: h.db.command.gte(10) })
    .group({ _id: '$store', total: $.sum('$amount'), n: $.sum(1) })
    .sort({ total: -1 })
    .end();
  expect(res.data).toEqual([
    { _id: 'C', total: 50, n: 1 },
    { _id: 'A', total: 40, n: 2 },
  ]);
});

test('$project $skip $limit', async () => {
  const res = await agg().sort({ amount: 1 }).skip(1).limit(2).project({ _id: 0, amount: 1 }).end();
  expect(res.data).toEqual([{ amount: 10 }, { amount: 30 }]);
});

test('$unwind $count', async () => {
  const res = await agg().unwind('$items').count('n').end();
  expect(res.data).toEqual([{ n: 4 }]);
});

test('$lookup joins another collection', async () => {
  const res = await agg()
    .match({ _id: 's3' })
    .lookup({ from: 'stores', localField: 'store', foreignField: '_id', as: 'storeInfo' })
    .project({ storeInfo: 1 })
    .end();
  expect(res.data).toEqual([{ _id: 's3', storeInfo: [{ _id: 'B', name: 'Beta' }] }]);
});

test('Dates survive $group ($max) as Dates', async () => {
  const $ = h.db.command.aggregate;
  const res = await agg().group({ _id: null, last: $.max('$at') }).end();
  expect(res.data[0].last).toEqual(new Date('2024-01-04T00:00:00Z'));
  expect(res.data[0].last).toBeInstanceOf(Date);
});

test('addFields / sortByCount / replaceRoot', async () => {
  const res = await agg().unwind('$items').sortByCount('$items').limit(1).end();
  expect(res.data).toEqual([{ _id: 'y', count: 2 }]);
  const r2 = await agg().match({ _id: 's1' }).addFields({ double: h.db.command.aggregate.multiply(['$amount', 2]) }).replaceRoot({ newRoot: { d: '$double' } }).end();
  expect(r2.data).toEqual([{ d: 20 }]);
});

test('stages that write to a collection are refused', async () => {
  const err = await thrown(() => h.db.collection('sales').options({ raw: true }).aggregate([{ $out: 'copy' }]).end());
  expect(err.code).toBe('EMULATOR_UNSUPPORTED');
  expect(err.message).toMatch(/\$out/);
});
