import Datastore from '@seald-io/nedb';
import Loki from 'lokijs';
import { parseIndexCatalog } from 'cloudbase-local-emulator/database/indexes';
import { Operations } from 'cloudbase-local-emulator/database/operations';
import { Store } from 'cloudbase-local-emulator/database/store';
import { fmt, timed, timedAsync, type Section } from './lib/report';

const N = Number(process.env.BENCH_MEMBERS ?? 100_000);
const LOOKUPS = 20_000;
const RANGES = 300;
const INCREMENTS = 20_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

interface Member {
  _id: string;
  openid: string;
  lastPurchaseAt: number;
  points: number;
  tier: string;
}

function members(): Member[] {
  return Array.from({ length: N }, (_, i) => ({ _id: `m${i}`, openid: `o${(i * 7919) % N}`, lastPurchaseAt: T0 + ((i * 104729) % 365) * DAY, points: i % 1000, tier: ['bronze', 'silver', 'gold'][i % 3] }));
}

interface Timings {
  insert: number;
  lookup: number;
  range: number;
  increment: number;
  found: number;
}

/** Every store gets the same operations; `found` sums the documents each returned, as a cross-check. */
function emulatorStore(indexed: boolean): Timings {
  const catalog = parseIndexCatalog(indexed ? { members: [{ name: 'openid', fields: [['openid', 1]], unique: true }, { name: 'last', fields: [['lastPurchaseAt', 1]] }] } : { members: [] });
  const store = new Store(null, catalog);
  const ops = new Operations(store);
  const docs = members();
  let found = 0;
  const insert = timed(() => {
    for (let i = 0; i < docs.length; i += 1000) ops.insert('members', docs.slice(i, i + 1000) as unknown as Array<Record<string, unknown>>);
  }).ms;
  const lookups = indexed ? LOOKUPS : LOOKUPS / 100;
  const lookup = (timed(() => {
    for (let i = 0; i < lookups; i += 1) found += ops.find('members', { openid: `o${(i * 31) % N}` }, { limit: 1 }).docs.length;
  }).ms * LOOKUPS) / lookups;
  const ranges = indexed ? RANGES : RANGES / 10;
  const range = (timed(() => {
    for (let i = 0; i < ranges; i += 1) {
      const from = T0 + (i % 360) * DAY;
      found += ops.find('members', { lastPurchaseAt: { $gte: from, $lt: from + DAY } }, { limit: 1000 }).docs.length * (RANGES / ranges);
    }
  }).ms * RANGES) / ranges;
  const increment = timed(() => {
    for (let i = 0; i < INCREMENTS; i += 1) ops.modifyById('members', `m${(i * 13) % N}`, { $inc: { points: 1 } }, true, false);
  }).ms;
  store.close();
  return { insert, lookup, range, increment, found: Math.round(found * (indexed ? 1 : 1)) };
}

async function nedb(): Promise<Timings> {
  const db = new Datastore<Member>();
  await db.ensureIndexAsync({ fieldName: 'openid', unique: true });
  await db.ensureIndexAsync({ fieldName: 'lastPurchaseAt' });
  const docs = members();
  let found = 0;
  const insert = (await timedAsync(async () => {
    for (let i = 0; i < docs.length; i += 1000) await db.insertAsync(docs.slice(i, i + 1000));
  })).ms;
  const lookup = (await timedAsync(async () => {
    for (let i = 0; i < LOOKUPS; i += 1) found += (await db.findOneAsync({ openid: `o${(i * 31) % N}` })) ? 1 : 0;
  })).ms;
  const range = (await timedAsync(async () => {
    for (let i = 0; i < RANGES; i += 1) {
      const from = T0 + (i % 360) * DAY;
      found += (await db.findAsync({ lastPurchaseAt: { $gte: from, $lt: from + DAY } }).limit(1000)).length;
    }
  })).ms;
  const increment = (await timedAsync(async () => {
    for (let i = 0; i < INCREMENTS; i += 1) await db.updateAsync({ _id: `m${(i * 13) % N}` }, { $inc: { points: 1 } });
  })).ms;
  return { insert, lookup, range, increment, found };
}

function loki(): Timings {
  const db = new Loki('bench.db');
  const coll = db.addCollection<Member>('members', { unique: ['openid'], indices: ['lastPurchaseAt'] });
  const docs = members();
  let found = 0;
  const insert = timed(() => {
    for (let i = 0; i < docs.length; i += 1000) coll.insert(docs.slice(i, i + 1000));
  }).ms;
  const lookup = timed(() => {
    for (let i = 0; i < LOOKUPS; i += 1) found += coll.by('openid', `o${(i * 31) % N}`) ? 1 : 0;
  }).ms;
  const range = timed(() => {
    for (let i = 0; i < RANGES; i += 1) {
      const from = T0 + (i % 360) * DAY;
      found += coll.chain().find({ lastPurchaseAt: { $between: [from, from + DAY - 1] } }).limit(1000).data().length;
    }
  }).ms;
  const increment = timed(() => {
    for (let i = 0; i < INCREMENTS; i += 1) {
      const doc = coll.findOne({ _id: `m${(i * 13) % N}` });
      if (doc) {
        doc.points += 1;
        coll.update(doc);
      }
    }
  }).ms;
  return { insert, lookup, range, increment, found };
}

/**
 * The emulator's store (SQLite + declared indexes + mingo semantics) against the embedded
 * document stores a developer might pick instead, on one workload in one run.
 */
export async function storeVsPeers(): Promise<Section> {
  const results: Array<[string, Timings, string]> = [];
  const run = async (name: string, note: string, work: () => Timings | Promise<Timings>) => {
    global.gc?.();
    results.push([name, await work(), note]);
  };
  await run('emulator store (indexed)', 'SQLite expression indexes, mingo filter on candidates', () => emulatorStore(true));
  await run('emulator store (no indexes)', 'full scans; lookups and ranges sampled and scaled', () => emulatorStore(false));
  await run('NeDB (@seald-io/nedb)', 'in-memory, indexes on openid and lastPurchaseAt', nedb);
  await run('LokiJS', 'in-memory, unique openid, binary index on lastPurchaseAt; increments via findOne by _id (not indexed)', loki);
  const base = results[0][1];
  const rows = results.map(([name, t, note]) => [
    name,
    `${fmt.int(t.insert)} (${fmt.ratio(t.insert / base.insert)})`,
    `${fmt.int(t.lookup)} (${fmt.ratio(t.lookup / base.lookup)})`,
    `${fmt.int(t.range)} (${fmt.ratio(t.range / base.range)})`,
    `${fmt.int(t.increment)} (${fmt.ratio(t.increment / base.increment)})`,
    note,
  ]);
  return {
    title: `Emulator store against embedded peers (${fmt.int(N)} members)`,
    command: 'npm run bench -- stores',
    headers: ['store', `insert ${fmt.int(N)} ms`, `${fmt.int(LOOKUPS)} lookups by openid ms`, `${RANGES} day-range queries ms`, `${fmt.int(INCREMENTS)} $inc updates ms`, 'notes'],
    rows,
    notes: [
      'Ratios are against the indexed emulator store measured in the same run (lower is faster).',
      `Cross-check, documents found (lookups + ranges): ${results.map(([name, t]) => `${name} ${fmt.int(t.found)}`).join('; ')}.`,
      'The emulator store is durable (SQLite, WAL) and evaluates every filter with MongoDB semantics; the peers are in-memory here.',
    ],
  };
}
