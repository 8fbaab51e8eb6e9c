import tcb from '@cloudbase/node-sdk';
import { startTestEmulator, type TestEmulator } from './support/emulator';

// Strict index mode in the test helper, and the inspection channel it leaves alone. Why it
// matters: the cloud runs a filter that no index serves as a full collection scan, which its
// database throttles or times out at production size (CloudBase "数据库索引管理": "建议对查询
// 条件建立索引，以提升查询性能"; MongoDB "Indexes": "Without indexes, MongoDB must scan every
// document in a collection to return query results"). startTestEmulator defaults to 'error'.

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

describe('strict index mode (startTestEmulator default)', () => {
  it('lets a function query that a declared index serves run (dbping: emulator_pings by openid)', async () => {
    await expect(emu.asShopper('o-strict')('dbping')).resolves.toMatchObject({ total: 1 });
  });

  it('fails a function whose query no index in indexes.json serves, naming collection and fields', async () => {
    await expect(emu.asShopper('o-strict')('pingscan', { since: '2000-01-01T00:00:00Z' })).rejects.toThrow(
      /\[emulator strict indexes\] get\(\) on 'emulator_pings' filters on \[at\], which no index in indexes\.json starts with/,
    );
  });

  it('does not judge the inspection channel: a test may read by any field there', async () => {
    const inspection = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, serviceUrl: emu.inspectUrl }).database();
    const res = (await inspection.collection('emulator_pings').where({ at: inspection.command.gte('2000-01-01T00:00:00Z') }).count()) as { total?: number; code?: string };
    expect(res.code).toBeUndefined();
    expect(res.total).toBeGreaterThanOrEqual(1);
    expect(emu.inspectUrl).toBe(emu.dbUrl.replace(/\/admin$/, '/inspect/admin'));
    expect(emu.emulator.db.unindexedQueries()).toEqual([]);
  });

  it('still refuses the same query from a function after an inspection read (the channel is per request, not a switch)', async () => {
    await expect(emu.asConsole('pingscan', { since: '2000-01-01T00:00:00Z' })).rejects.toThrow(/emulator strict indexes/);
  });
});

describe("'warn' mode (npm start's default)", () => {
  let warned: TestEmulator;
  beforeAll(async () => {
    await emu.close();
    warned = await startTestEmulator({ unindexedQueries: 'warn' });
  });
  afterAll(async () => {
    await warned.close();
  });

  it('answers the unindexed function query and records its shape', async () => {
    await warned.asShopper('o-warn')('dbping');
    await expect(warned.asShopper('o-warn')('pingscan', { since: '2000-01-01T00:00:00Z' })).resolves.toEqual({ count: 1 });
    expect(warned.emulator.db.unindexedQueries()).toEqual([{ collection: 'emulator_pings', what: 'get()', fields: ['at'] }]);
  });
});
