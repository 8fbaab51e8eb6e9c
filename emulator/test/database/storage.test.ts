// Storage: restart durability, declared indexes (unique + EXPLAIN QUERY PLAN),
// push-down correctness, transaction expiry.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { Query } from 'mingo';
import { startHarness, thrown, FIXTURE_INDEXES, type Harness } from './harness';
import { internalsOf } from '../../database/server';
import { loadIndexCatalog, parseIndexCatalog } from '../../database/indexes';
import { Store } from '../../database/store';
import { TransactionManager } from '../../database/transactions';

describe('durability', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-db-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('data written before close() is read back after a restart on the same dataDir', async () => {
    const first = await startHarness({ dataDir: dir });
    const at = new Date('2024-05-06T07:08:09.010Z');
    await first.db.collection('members').add({ _id: 'm1', openid: 'o-1', points: 7, at });
    await first.db.collection('fresh').add({ _id: 'f1' });
    await first.db.collection('members').doc('m1').update({ points: first.db.command.inc(3) });
    await first.close();
    expect(fs.existsSync(path.join(dir, 'database.sqlite'))).toBe(true);

    const second = await startHarness({ dataDir: dir });
    try {
      expect((await second.db.collection('members').doc('m1').get()).data[0]).toEqual({ _id: 'm1', openid: 'o-1', points: 10, at });
      expect((await second.db.collection('fresh').count()).total).toBe(1);
      // the unique index still applies after the restart
      expect((await thrown(() => second.db.collection('members').add({ openid: 'o-1' }))).code).toBe('DATABASE_DUPLICATE_WRITE');
      // versions keep increasing across restarts, so transactions still detect changes
      const tx = await second.db.startTransaction();
      await tx.collection('members').doc('m1').get();
      await second.db.collection('members').doc('m1').update({ points: 0 });
      expect((await thrown(() => tx.collection('members').doc('m1').update({ points: 1 }))).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    } finally {
      await second.close();
    }
  });
});

describe('indexes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  test('a unique index rejects a duplicate on insert and on update', async () => {
    const members = h.db.collection('members');
    await members.add({ _id: 'u1', openid: 'dup', cardNo: 'C1' });
    const err = await thrown(() => members.add({ openid: 'dup' }));
    expect(err.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(err.message).toMatch(/openid_unique/);
    await members.add({ _id: 'u2', openid: 'other' });
    expect((await thrown(() => members.doc('u2').update({ cardNo: 'C1' }))).code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await members.doc('u2').get()).data[0].cardNo).toBeUndefined();
  });

  test('unique: a missing field counts as null (Mongo) unless the index is sparse', async () => {
    const members = h.db.collection('members');
    await members.add({ _id: 'noOpenid1', cardNo: 'C9' });
    expect((await thrown(() => members.add({ _id: 'noOpenid2', cardNo: 'C10' }))).code).toBe('DATABASE_DUPLICATE_WRITE');
    // cardNo_unique is sparse: two members without a cardNo are fine
    await members.add([{ openid: 'p1' }, { openid: 'p2' }]);
  });

  test('unique violations at transaction commit fail the commit', async () => {
    await h.db.collection('members').add({ _id: 'tx-u', openid: 'taken' });
    const tx = await h.db.startTransaction();
    await tx.collection('members').add({ openid: 'taken' });
    expect((await thrown(() => tx.commit())).code).toBe('DATABASE_DUPLICATE_WRITE');
  });

  test('EXPLAIN QUERY PLAN: indexed equality and range lookups use the index, not a scan', async () => {
    const { store } = internalsOf(h.server);
    await h.db.collection('ledger').add({ memberId: 'm', createdAt: new Date() });
    const cases = [
      { memberId: 'm1' },
      { memberId: 'm1', createdAt: { $gte: new Date('2024-01-01'), $lt: new Date('2025-01-01') } },
      { memberId: { $in: ['a', 'b'] } },
    ];
    for (const filter of cases) {
      const plan = store.explain('ledger', filter).join('\n');
      expect(plan).toMatch(/USING INDEX "?ix_ledger__member_createdAt/);
      expect(plan).not.toMatch(/\bSCAN\b/);
    }
    const range = store.explain('indexed', { n: { $gt: 5, $lte: 10 } }).join('\n');
    expect(range).toMatch(/USING INDEX "?ix_indexed__n/);
    expect(range).not.toMatch(/\bSCAN\b/);
    const dates = store.explain('indexed', { at: { $gte: new Date(0) } }).join('\n');
    expect(dates).toMatch(/USING INDEX "?ix_indexed__at/);
    const byId = store.explain('indexed', { _id: 'x' }).join('\n');
    expect(byId).toMatch(/USING (INDEX|PRIMARY KEY)/);
    // not indexed → scan (documents that the push-down is selective)
    expect(store.explain('ledger', { note: 'x' }).join('\n')).toMatch(/\bSCAN\b/);
  });

  test('an index whose field held an array stops being used (multikey) and results stay right', async () => {
    const { store } = internalsOf(h.server);
    const coll = h.db.collection('indexed');
    await coll.add({ _id: 'scalar', tags: 'red' });
    expect(store.explain('indexed', { tags: 'red' }).join('\n')).toMatch(/USING INDEX/);
    await coll.add({ _id: 'array', tags: ['red', 'blue'] });
    expect(store.explain('indexed', { tags: 'red' }).join('\n')).toMatch(/\bSCAN\b/);
    const res = await coll.where({ tags: 'red' }).get();
    expect(res.data.map((d: { _id: string }) => d._id).sort()).toEqual(['array', 'scalar']);
  });

  test('property: indexed push-down returns exactly what a full mingo scan returns', async () => {
    const scalar = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -5, max: 5 }),
      fc.double({ min: -5, max: 5, noNaN: true }),
      fc.constantFrom('a', 'b', 'B', 'ab', '', 'é', '\uFFFF', '😀'),
      fc.integer({ min: 0, max: 5 }).map((n) => new Date(n * 1000)),
    );
    const field = fc.option(scalar, { nil: undefined });
    const doc = fc.record({ k: field, n: field, at: field, sub: fc.option(fc.record({ v: field }), { nil: undefined }) });
    const op = fc.constantFrom('$eq', '$gt', '$gte', '$lt', '$lte', '$in');
    const cond = fc
      .tuple(fc.constantFrom('k', 'n', 'at', 'sub.v', '_id'), op, scalar, scalar)
      .map(([f, o, a, b]) => ({ [f]: o === '$in' ? { $in: [a, b] } : { [o]: a } }));
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { maxLength: 25 }), fc.array(cond, { minLength: 1, maxLength: 3 }), async (ds, conds) => {
        const s = new Store(null, loadIndexCatalog(FIXTURE_INDEXES));
        try {
          ds.forEach((d, i) => {
            const clean: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(d)) if (v !== undefined) clean[k] = v;
            s.insert('indexed', `d${i}`, clean);
          });
          const filter = { $and: conds };
          const q = new Query(filter);
          const expected = s.candidates('indexed', {}).filter((x) => q.test(x.doc)).map((x) => x.id);
          const pushed = s.candidates('indexed', filter).filter((x) => q.test(x.doc)).map((x) => x.id);
          expect(pushed).toEqual(expected);
        } finally {
          s.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('index declaration file', () => {
  test('the fixture declaration file parses', () => {
    const catalog = loadIndexCatalog(FIXTURE_INDEXES);
    expect(catalog.size).toBeGreaterThan(0);
  });

  test('malformed declarations are rejected with a clear message', () => {
    expect(() => parseIndexCatalog({ m: [{ name: 'x', fields: [['a', 2]] }] })).toThrow(/\[path, 1 \| -1 \| "2dsphere"\]/);
    expect(() => parseIndexCatalog({ m: {} })).toThrow(/array of indexes/);
  });
});

describe('transaction expiry', () => {
  test('a transaction not finished within 30 s is gone (DATABASE_TRANSACTION_FAIL)', () => {
    let now = 1_000_000;
    const store = new Store(null, new Map());
    try {
      const tm = new TransactionManager(store, 30_000, () => now);
      const id = tm.begin();
      tm.insert(id, 'exp', { _id: 'x' });
      now += 30_001;
      let code: string | undefined;
      try {
        tm.commit(id);
      } catch (e) {
        code = (e as { code?: string }).code;
      }
      expect(code).toBe('DATABASE_TRANSACTION_FAIL');
      expect(store.hasCollection('exp')).toBe(false);
      expect(tm.counters.expired).toBe(1);
    } finally {
      store.close();
    }
  });
});
