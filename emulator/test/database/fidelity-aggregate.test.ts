// Conformance: aggregation answers the cloud gives (CloudBase "聚合操作" docs, which follow the
// MongoDB manual's aggregation stages and expression operators). Real SDK only.

import { startHarness, thrown, type AnyDoc, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.db.collection('days').add([
    { _id: 'tue', at: new Date('2019-05-14T00:00:00Z'), s: 'abcdef', u: '会员积分' },
    { _id: 'newyear', at: new Date('2019-01-01T00:00:00Z'), s: 'xyz', u: 'ab' },
    { _id: 'firstSunday', at: new Date('2019-01-06T00:00:00Z'), s: '', u: '' },
    { _id: 'lateNightUtc', at: new Date('2019-05-18T20:00:00Z'), s: 'a', u: 'a' },
  ]);
});
afterAll(() => h.close());

const $ = () => h.db.command.aggregate;
async function project(id: string, fields: AnyDoc): Promise<AnyDoc> {
  const res = await h.db.collection('days').aggregate().match({ _id: id }).project({ _id: 0, ...fields }).end();
  return res.data[0] as AnyDoc;
}

describe('date operators (MongoDB manual: $week "weeks begin on Sundays ... same as %U"; $isoWeek; timezone)', () => {
  test('$week: 2019-05-14 is week 19; Jan 1 before the first Sunday is week 0; the first Sunday starts week 1', async () => {
    expect(await project('tue', { w: $().week('$at') })).toEqual({ w: 19 });
    expect(await project('newyear', { w: $().week('$at') })).toEqual({ w: 0 });
    expect(await project('firstSunday', { w: $().week('$at') })).toEqual({ w: 1 });
  });

  test('$isoWeek, $isoWeekYear, $dayOfWeek (1 = Sunday), $isoDayOfWeek (7 = Sunday)', async () => {
    expect(await project('tue', { iw: $().isoWeek('$at'), dow: $().dayOfWeek('$at'), idow: $().isoDayOfWeek('$at') })).toEqual({ iw: 20, dow: 3, idow: 2 });
    expect(await project('firstSunday', { iw: $().isoWeek('$at'), iy: $().isoWeekYear('$at'), dow: $().dayOfWeek('$at') })).toEqual({ iw: 1, iy: 2019, dow: 1 });
  });

  test('a timezone moves the date before the operator applies (Saturday 20:00 UTC is Sunday in Shanghai)', async () => {
    const tz = { date: '$at', timezone: 'Asia/Shanghai' };
    expect(await project('lateNightUtc', { dow: $().dayOfWeek('$at'), dowSh: $().dayOfWeek(tz), w: $().week('$at'), wSh: $().week(tz), h: $().hour(tz) })).toEqual({
      dow: 7,
      dowSh: 1,
      w: 19,
      wSh: 20,
      h: 4,
    });
  });

  test('$dateToString with a format and a timezone', async () => {
    expect(await project('tue', { d: $().dateToString({ date: '$at', format: '%Y-%m-%d %H:%M', timezone: '+08:00' }) })).toEqual({ d: '2019-05-14 08:00' });
  });
});

describe('string operators (MongoDB manual $substrBytes: "If <byte count> is negative ... the rest of the string")', () => {
  test('$substr / $substrBytes / $substrCP with a negative count return the rest of the string', async () => {
    expect(await project('tue', { a: $().substr(['$s', 2, -1]), b: $().substrBytes(['$s', 1, -1]), c: $().substrCP(['$u', 2, -1]) })).toEqual({ a: 'cdef', b: 'bcdef', c: '积分' });
  });

  test('a start past the end gives the empty string', async () => {
    expect(await project('newyear', { a: $().substr(['$s', 10, 2]) })).toEqual({ a: '' });
  });

  test('$indexOfCP counts code points; -1 when absent; start and end bound the search', async () => {
    expect(await project('tue', { i: $().indexOfCP(['$u', '积分']), n: $().indexOfCP(['$s', 'z']), r: $().indexOfCP(['$s', 'c', 3]) })).toEqual({ i: 2, n: -1, r: -1 });
  });

  test('$indexOfBytes, $strLenCP, $strLenBytes, $toUpper, $concat, $split', async () => {
    expect(
      await project('tue', {
        ib: $().indexOfBytes(['$u', '积分']),
        lc: $().strLenCP('$u'),
        lb: $().strLenBytes('$u'),
        up: $().toUpper('$s'),
        cc: $().concat(['$s', '-', '$u']),
        sp: $().split(['$s', 'c']),
      }),
    ).toEqual({ ib: 6, lc: 4, lb: 12, up: 'ABCDEF', cc: 'abcdef-会员积分', sp: ['ab', 'def'] });
  });
});

describe('stages (CloudBase Aggregate docs: lookup, unwind, group, bucket, facet, sample, sortByCount, replaceRoot, addFields, project, count, skip, limit, match, sort)', () => {
  beforeAll(async () => {
    await h.db.collection('orders').add([
      { _id: 'o1', member: 'm1', amount: 10, items: ['tea', 'cake'] },
      { _id: 'o2', member: 'm1', amount: 40, items: ['tea'] },
      { _id: 'o3', member: 'm2', amount: 25, items: [] },
      { _id: 'o4', member: 'm3', amount: 70, items: ['cake'] },
    ]);
    await h.db.collection('people').add([
      { _id: 'm1', name: 'Li' },
      { _id: 'm2', name: 'Wang' },
    ]);
  });
  const orders = () => h.db.collection('orders').aggregate();

  test('lookup joins another collection; unmatched gives an empty array', async () => {
    const res = await orders().sort({ _id: 1 }).lookup({ from: 'people', localField: 'member', foreignField: '_id', as: 'who' }).project({ who: 1 }).end();
    expect(res.data).toEqual([
      { _id: 'o1', who: [{ _id: 'm1', name: 'Li' }] },
      { _id: 'o2', who: [{ _id: 'm1', name: 'Li' }] },
      { _id: 'o3', who: [{ _id: 'm2', name: 'Wang' }] },
      { _id: 'o4', who: [] },
    ]);
  });

  test('unwind drops empty arrays unless preserveNullAndEmptyArrays', async () => {
    expect((await orders().unwind('$items').count('n').end()).data).toEqual([{ n: 4 }]);
    expect((await orders().unwind({ path: '$items', preserveNullAndEmptyArrays: true }).count('n').end()).data).toEqual([{ n: 5 }]);
  });

  test('group with sum/avg/max/push/addToSet, then sort', async () => {
    const res = await orders()
      .group({ _id: '$member', total: $().sum('$amount'), avg: $().avg('$amount'), max: $().max('$amount'), ids: $().push('$_id') })
      .sort({ _id: 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'm1', total: 50, avg: 25, max: 40, ids: ['o1', 'o2'] },
      { _id: 'm2', total: 25, avg: 25, max: 25, ids: ['o3'] },
      { _id: 'm3', total: 70, avg: 70, max: 70, ids: ['o4'] },
    ]);
  });

  test('bucket with a default bucket, facet, sortByCount', async () => {
    const buckets = await orders().bucket({ groupBy: '$amount', boundaries: [0, 30, 60], default: 'big', output: { n: $().sum(1) } }).end();
    expect(buckets.data).toEqual([
      { _id: 0, n: 2 },
      { _id: 30, n: 1 },
      { _id: 'big', n: 1 },
    ]);
    // node-sdk 3.18's builder has no facet(); a raw pipeline sends the same stage
    const facet = await h.db
      .collection('orders')
      .options({ raw: true })
      .aggregate([{ $facet: { small: [{ $match: { amount: { $lt: 30 } } }, { $count: 'n' }], top: [{ $sort: { amount: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }] } }])
      .end();
    expect(facet.data).toEqual([{ small: [{ n: 2 }], top: [{ _id: 'o4' }] }]);
    const counts = await orders().unwind('$items').sortByCount('$items').end();
    expect(counts.data).toEqual(expect.arrayContaining([{ _id: 'tea', count: 2 }, { _id: 'cake', count: 2 }]));
  });

  test('replaceRoot, addFields, skip, limit, sample size', async () => {
    const res = await orders().sort({ amount: -1 }).skip(1).limit(2).addFields({ doubled: $().multiply(['$amount', 2]) }).replaceRoot({ newRoot: { id: '$_id', doubled: '$doubled' } }).end();
    expect(res.data).toEqual([
      { id: 'o2', doubled: 80 },
      { id: 'o3', doubled: 50 },
    ]);
    expect((await orders().sample({ size: 2 }).end()).data).toHaveLength(2);
  });
});

describe('operators the emulator does not implement are refused by name, never with mingo internals', () => {
  test('$jsonSchema → EMULATOR_UNSUPPORTED', async () => {
    const err = await thrown(() => h.db.collection('days').where({ $jsonSchema: { required: ['s'] } }).get());
    expect(err.code).toBe('EMULATOR_UNSUPPORTED');
    expect(err.message).toMatch(/\$jsonSchema/);
  });

  test('an unknown expression operator → EMULATOR_UNSUPPORTED naming it', async () => {
    const err = await thrown(() => h.db.collection('days').aggregate().project({ x: { $fancyOp: ['$s'] } }).end());
    expect(err.code).toBe('EMULATOR_UNSUPPORTED');
    expect(err.message).toMatch(/\$fancyOp/);
  });
});
