// Conformance: the limits a cloud database enforces, so code that works locally works there.
//  - get(): "默认 100 条，最多 1000 条" (CloudBase Query.limit / Collection.get docs: server side at most 1000);
//  - a document is at most 16 MB (MongoDB BSON document size limit, which CloudBase inherits);
//  - a request body is at most 100 MB (docs.cloudbase.net/error-code/service/EXCEED_MAX_PAYLOAD_SIZE);
//  - a query no index serves scans the collection: the cloud throttles or times out such queries
//    at scale, so the emulator reports it (warn) or refuses it (strict mode).
// Real SDK, except where the SDK itself would stop the request first (raw HTTP then).

import * as http from 'http';
import { startHarness, thrown, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ unindexedQueries: 'warn' });
});
afterAll(() => h.close());

async function post(body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(h.server.url, { method: 'POST', body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

describe('page size', () => {
  beforeAll(async () => {
    await h.db.collection('many').add(Array.from({ length: 1100 }, (_, i) => ({ _id: `d${String(i).padStart(4, '0')}`, i })));
  });

  test('get() answers 100 documents by default', async () => {
    expect((await h.db.collection('many').get()).data).toHaveLength(100);
  });

  test('a limit above 1000 is capped at 1000 by the server too (raw request, the SDK caps it itself)', async () => {
    const res = (await post({ action: 'database.getDocument', collectionName: 'many', queryType: 'WHERE', limit: 5000 })) as { data: { list: unknown[]; limit: number } };
    expect(res.data.list).toHaveLength(1000);
    expect(res.data.limit).toBe(1000);
    expect((await h.db.collection('many').limit(5000).get()).data).toHaveLength(1000);
  });

  test('count() is not capped', async () => {
    expect((await h.db.collection('many').count()).total).toBe(1100);
  });
});

describe('sizes', () => {
  test('a document over 16 MB is refused and nothing is written', async () => {
    await h.db.createCollection('big');
    const err = await thrown(() => h.db.collection('big').add({ _id: 'huge', blob: 'x'.repeat(17 * 1024 * 1024) }));
    expect(err.code).toBe('DATABASE_REQUEST_FAILED');
    expect(err.message).toMatch(/BSONObj size: \d+ .* is invalid/);
    expect((await h.db.collection('big').count()).total).toBe(0);
  }, 60_000);

  test('an update that would make a document exceed 16 MB is refused', async () => {
    await h.db.collection('big').add({ _id: 'grows', blob: '' });
    const err = await thrown(() => h.db.collection('big').doc('grows').update({ blob: 'y'.repeat(17 * 1024 * 1024) }));
    expect(err.code).toBe('DATABASE_REQUEST_FAILED');
    expect((await h.db.collection('big').doc('grows').get()).data[0].blob).toBe('');
  }, 60_000);

  test('a request body over 100 MB is answered EXCEED_MAX_PAYLOAD_SIZE', async () => {
    const url = new URL(h.server.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST' }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent <= 100) {
          sent++;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    }).catch((e: Error) => `connection closed: ${e.message}`);
    expect(JSON.parse(answer)).toMatchObject({ code: 'EXCEED_MAX_PAYLOAD_SIZE' });
  }, 60_000);
});

describe('queries no declared index serves (index-use.ts)', () => {
  test('warn mode records each unindexed filter shape once; indexed and empty filters are fine', async () => {
    await h.db.collection('members').add([{ _id: 'm1', openid: 'o1', tier: 'gold', growth: 5, city: 'SZ' }]);
    await h.db.collection('members').where({ openid: 'o1' }).get(); // openid_unique
    await h.db.collection('members').where({ tier: 'gold', growth: h.db.command.gt(1) }).get(); // tier_growth prefix
    await h.db.collection('members').where({ _id: h.db.command.in(['m1']) }).count();
    await h.db.collection('members').get(); // read everything, page by page: allowed
    expect(h.server.unindexedQueries()).toEqual([]);
    await h.db.collection('members').where({ growth: 5 }).get(); // second field of a compound index only
    await h.db.collection('members').where({ city: 'SZ' }).count();
    await h.db.collection('members').where({ city: 'GZ' }).count(); // same shape: recorded once
    await h.db.collection('members').where(h.db.command.or([{ openid: 'o1' }, { city: 'SZ' }])).get(); // one $or branch unindexed
    expect(h.server.unindexedQueries()).toEqual([
      { collection: 'members', what: 'get()', fields: ['growth'] },
      { collection: 'members', what: 'count()', fields: ['city'] },
      { collection: 'members', what: 'get()', fields: ['city', 'openid'] },
    ]);
  });

  test('strict mode refuses an unindexed query with DATABASE_REQUEST_FAILED naming collection and fields', async () => {
    const strict = await startHarness({ unindexedQueries: 'error' });
    try {
      await strict.db.collection('strict').add({ _id: 's', status: 'open', note: 'x' });
      expect((await strict.db.collection('strict').where({ status: 'open' }).get()).data).toHaveLength(1);
      const err = await thrown(() => strict.db.collection('strict').where({ note: 'x' }).update({ note: 'y' }));
      expect(err.code).toBe('DATABASE_REQUEST_FAILED');
      expect(err.message).toMatch(/'strict'.*\[note\]/);
      expect((await strict.db.collection('strict').doc('s').get()).data[0].note).toBe('x');
    } finally {
      await strict.close();
      Object.assign(process.env, { TCB_CONTEXT_CNFG: JSON.stringify({ URL: h.server.url }) });
    }
  });
});
