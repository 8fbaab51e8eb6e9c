// Every db.command query and update operator the SDK serializes, end to end.

import { afterUpdate, startHarness, thrown, type AnyDoc, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.db.collection('q').add([
    { _id: 'a', n: 1, s: 'apple', tags: ['x', 'y'], sub: { v: 10 }, at: new Date('2024-01-01T00:00:00Z'), items: [{ k: 1, q: 5 }] },
    { _id: 'b', n: 2, s: 'Banana', tags: ['y'], sub: { v: 20 }, at: new Date('2024-06-01T00:00:00Z'), items: [{ k: 2, q: 0 }] },
    { _id: 'c', n: 3, s: 'cherry', tags: [], sub: { v: 30 }, at: new Date('2025-01-01T00:00:00Z'), opt: null },
    { _id: 'd', n: 4, s: 'date', sub: { v: 40 }, extra: true },
  ]);
});
afterAll(() => h.close());

const ids = (res: { data: AnyDoc[] }): string[] => res.data.map((d) => String(d._id)).sort();

describe('query operators', () => {
  const q = () => h.db.collection('q');
  const _ = () => h.db.command;

  test.each([
    ['eq', () => ({ n: _().eq(2) }), ['b']],
    ['neq', () => ({ n: _().neq(2) }), ['a', 'c', 'd']],
    ['gt', () => ({ n: _().gt(2) }), ['c', 'd']],
    ['gte', () => ({ n: _().gte(2) }), ['b', 'c', 'd']],
    ['lt', () => ({ n: _().lt(2) }), ['a']],
    ['lte', () => ({ n: _().lte(2) }), ['a', 'b']],
    ['in', () => ({ s: _().in(['apple', 'date']) }), ['a', 'd']],
    ['nin', () => ({ n: _().nin([1, 2]) }), ['c', 'd']],
    ['and (field level)', () => ({ n: _().gt(1).and(_().lt(4)) }), ['b', 'c']],
    ['and (top level)', () => _().and([{ n: _().gt(1) }, { 'sub.v': _().lt(40) }]), ['b', 'c']],
    ['or (top level)', () => _().or([{ n: 1 }, { s: 'date' }]), ['a', 'd']],
    ['or (field level)', () => ({ n: _().lt(2).or(_().gt(3)) }), ['a', 'd']],
    ['nor', () => _().nor([{ n: 1 }, { n: 2 }]), ['c', 'd']],
    ['not', () => ({ n: _().not(_().gt(2)) }), ['a', 'b']],
    ['exists true', () => ({ extra: _().exists(true) }), ['d']],
    ['exists false', () => ({ tags: _().exists(false) }), ['d']],
    ['null matches null and missing', () => ({ opt: null }), ['a', 'b', 'c', 'd']],
    ['nested path', () => ({ 'sub.v': _().gte(30) }), ['c', 'd']],
    ['nested object syntax', () => ({ sub: { v: _().lte(10) } }), ['a']],
    ['array contains', () => ({ tags: 'y' }), ['a', 'b']],
    ['all', () => ({ tags: _().all(['x', 'y']) }), ['a']],
    ['size', () => ({ tags: _().size(0) }), ['c']],
    ['elemMatch', () => ({ items: _().elemMatch({ k: 2, q: _().lt(1) }) }), ['b']],
    ['mod', () => ({ n: Reflect.apply(_().mod, _(), [2, 0]) as unknown }), ['b', 'd']],
    ['date range', () => ({ at: _().gte(new Date('2024-03-01T00:00:00Z')).and(_().lt(new Date('2025-01-01T00:00:00Z'))) }), ['b']],
    ['JS RegExp', () => ({ s: /^b/i }), ['b']],
    ['db.RegExp', () => ({ s: h.db.RegExp({ regexp: 'RR', options: 'i' }) }), ['c']],
    ['expr', () => _().expr(_().gt(['$sub.v', 25])), ['c', 'd']],
  ])('%s', async (_name, where, expected) => {
    expect(ids(await q().where(where()).get())).toEqual(expected);
  });

  test('an unknown raw operator is refused with EMULATOR_UNSUPPORTED', async () => {
    const err = await thrown(() => q().where({ n: { $fancy: 1 } }).get());
    expect(err.code).toBe('EMULATOR_UNSUPPORTED');
    expect(err.message).toMatch(/\$fancy/);
  });
});

describe('update operators', () => {
  let seq = 0;
  /** Applies an update to a fresh copy of `initial` and returns the stored result. */
  const after = (initial: AnyDoc, update: AnyDoc): Promise<AnyDoc> => afterUpdate(h.db, 'u', `u${++seq}`, initial, update);
  const _ = () => h.db.command;

  test('set (plain fields, nested merge, dot paths)', async () => {
    expect(await after({ a: 1, o: { x: 1, y: 2 } }, { a: 2, o: { x: 9 }, 'p.q': 3 })).toEqual({ a: 2, o: { x: 9, y: 2 }, p: { q: 3 } });
  });
  test('_.set replaces a nested object', async () => {
    expect(await after({ o: { x: 1, y: 2 } }, { o: _().set({ z: 1 }) })).toEqual({ o: { z: 1 } });
  });
  test('remove ($unset)', async () => {
    expect(await after({ a: 1, b: 2 }, { a: _().remove() })).toEqual({ b: 2 });
  });
  test('inc / mul', async () => {
    expect(await after({ a: 1, b: 3 }, { a: _().inc(2), b: _().mul(4), c: _().inc(1) })).toEqual({ a: 3, b: 12, c: 1 });
  });
  test('min / max', async () => {
    expect(await after({ a: 5, b: 5 }, { a: _().min(3), b: _().max(3) })).toEqual({ a: 3, b: 5 });
  });
  test('rename', async () => {
    expect(await after({ a: 1 }, { a: _().rename('b') })).toEqual({ b: 1 });
  });
  test('push (values, each/position/sort/slice)', async () => {
    expect(await after({ arr: [1] }, { arr: _().push(2, 3) })).toEqual({ arr: [1, 2, 3] });
    expect(await after({ arr: [5, 1] }, { arr: _().push({ each: [4, 0], position: 0, sort: 1, slice: 3 }) })).toEqual({ arr: [0, 1, 4] });
  });
  test('unshift / shift / pop', async () => {
    expect(await after({ arr: [2, 3] }, { arr: _().unshift(0, 1) })).toEqual({ arr: [0, 1, 2, 3] });
    expect(await after({ arr: [1, 2, 3] }, { arr: _().shift() })).toEqual({ arr: [2, 3] });
    expect(await after({ arr: [1, 2, 3] }, { arr: _().pop() })).toEqual({ arr: [1, 2] });
  });
  test('pull (value and condition) / pullAll', async () => {
    expect(await after({ arr: [1, 2, 1, 3] }, { arr: _().pull(1) })).toEqual({ arr: [2, 3] });
    expect(await after({ arr: [1, 5, 9] }, { arr: _().pull(_().gt(4)) })).toEqual({ arr: [1] });
    expect(await after({ arr: [1, 2, 3, 2] }, { arr: _().pullAll([2, 3]) })).toEqual({ arr: [1] });
  });
  test('addToSet (single and each)', async () => {
    expect(await after({ arr: ['a'] }, { arr: _().addToSet('a') })).toEqual({ arr: ['a'] });
    expect(await after({ arr: ['a'] }, { arr: _().addToSet({ $each: ['a', 'b'] }) })).toEqual({ arr: ['a', 'b'] });
  });
  test('Dates in updates round-trip as Dates', async () => {
    const at = new Date('2030-01-02T03:04:05.006Z');
    const doc = await after({}, { at, 'nested.at': at });
    expect(doc).toEqual({ at, nested: { at } });
    expect(doc.at).toBeInstanceOf(Date);
  });
  test('conflicting paths are invalid input', async () => {
    await h.db.collection('u').add({ _id: 'conf', a: 1 });
    const err = await thrown(() => h.db.collection('u').doc('conf').update({ a: _().inc(1), 'a.b': 1 }));
    expect(err.code).toBe('INVALID_PARAM');
  });
});
