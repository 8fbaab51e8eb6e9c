import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startEmulator, type Emulator } from 'cloudbase-local-emulator';
import { PROJECT } from '../../local/paths';
import { seedDemoIfEmpty } from '../../local/seed';
import { DEMO_SHOPPER_OPENID } from '../../local/seed/demo-brand';

const quiet = pino({ level: 'silent' });
// Strict index mode, as in every test suite: the seed and the checks run function code only.
const start = (dataDir: string) => startEmulator({ ...PROJECT, dataDir, dbPort: 0, hostPort: 0, timers: false, logger: quiet, unindexedQueries: 'error' });
const seed = (emu: Emulator) => seedDemoIfEmpty({ invokeAdmin: emu.invokeAdmin, invoke: emu.invoke, log: () => undefined }, { members: 25 });

/**
 * The `npm start` story end to end: a demo brand seeded through the real functions, every ledger
 * invariant holding over it, and the data surviving a restart (no second seed).
 */
describe('demo brand on a durable data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'loyalty-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds once, reconciles clean, and survives a restart', async () => {
    const first = await start(dataDir);
    let card: unknown;
    try {
      const result = await seed(first);
      expect(result.seeded).toBe(true);
      expect(result.summary).toMatch(/26 members/);
      const report = (await first.invokeAdmin('admin', { action: 'reconcile' })) as { ok: boolean; data: { scanned: number; discrepancies: unknown[] } };
      expect(report).toMatchObject({ ok: true, data: { scanned: 26, discrepancies: [] } });
      card = await first.invoke('member', { action: 'card' }, { openid: DEMO_SHOPPER_OPENID, source: 'wx_client' });
      expect(card).toMatchObject({ ok: true, data: { nickname: '演示用户' } });
      const history = (await first.invoke('points', { action: 'history', limit: 50 }, { openid: DEMO_SHOPPER_OPENID, source: 'wx_client' })) as { data: { items: Array<{ type: string }> } };
      expect(history.data.items.filter((i) => i.type === 'earn').length).toBeGreaterThan(5);
      expect(history.data.items.some((i) => i.type === 'expire')).toBe(true);
    } finally {
      await first.close();
    }

    const second = await start(dataDir);
    try {
      expect((await seed(second)).seeded).toBe(false);
      const again = await second.invoke('member', { action: 'card' }, { openid: DEMO_SHOPPER_OPENID, source: 'wx_client' });
      expect(again).toEqual(card);
    } finally {
      await second.close();
    }
  });
});
