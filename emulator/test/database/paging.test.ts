import fc from 'fast-check';
import { Query } from 'mingo';
import { parseIndexCatalog } from '../../database/indexes';
import { Operations } from '../../database/operations';
import { Store } from '../../database/store';

// Batch jobs page with `_id > cursor ORDER BY _id LIMIT n` plus other conditions; the store
// streams those in primary-key order and stops at the limit. This checks that shortcut against
// the plain definition (filter everything with mingo, sort by _id, slice), for both directions.
describe('paging by _id', () => {
  const catalog = parseIndexCatalog({ members: [{ name: 'tier', fields: [['tier', 1]] }] });

  it('property: streamed _id pages equal filter + sort + slice over the whole collection', () => {
    const doc = fc.record({ id: fc.stringMatching(/^[0-9a-z_]{1,8}$/), tier: fc.constantFrom('bronze', 'silver', 'gold'), n: fc.integer({ min: 0, max: 9 }) });
    fc.assert(
      fc.property(
        fc.uniqueArray(doc, { selector: (d) => d.id, maxLength: 700 }),
        fc.stringMatching(/^[0-9a-z_]{0,4}$/),
        fc.constantFrom(1 as const, -1 as const),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 20 }),
        fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
        (docs, cursor, direction, limit, offset, minN) => {
          const store = new Store(null, catalog);
          const ops = new Operations(store);
          if (docs.length > 0) ops.insert('members', docs.map((d) => ({ _id: d.id, tier: d.tier, n: d.n })));
          const filter: Record<string, unknown> = { _id: direction === 1 ? { $gt: cursor } : { $lt: cursor || '~' } };
          if (minN !== undefined) filter.n = { $gte: minN };
          const got = ops.find('members', filter, { order: { _id: direction }, limit, offset }).docs.map((d) => d._id);
          const expected = new Query(filter)
            .find(docs.map((d) => ({ _id: d.id, tier: d.tier, n: d.n })))
            .sort({ _id: direction })
            .skip(offset)
            .limit(limit)
            .all()
            .map((d) => (d as { _id: string })._id);
          store.close();
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('uses the indexed candidate path, not the _id stream, when another index applies', () => {
    const store = new Store(null, catalog);
    expect(store.streamById('members', { tier: 'gold', _id: { $gt: 'a' } }, 1)).toBeNull();
    expect(store.streamById('members', { n: 3, _id: { $gt: 'a' } }, 1)).not.toBeNull();
    store.close();
  });
});
