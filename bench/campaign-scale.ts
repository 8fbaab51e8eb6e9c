import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startEmulator } from 'cloudbase-local-emulator';
import { PROJECT } from '../local/paths';
import { fmt, type Section } from './lib/report';
import { insertSyntheticMembers } from './lib/synthetic-members';
import { approveCampaign, data } from './lib/world';

const SCHEDULE = { startAt: '2020-01-01T00:00:00+08:00', endAt: '2099-12-31T23:59:59+08:00' };

interface Run {
  partial: boolean;
  scanned: number;
  eligible: number;
  granted: number;
}

/**
 * Campaign preview and trigger over a generated member base (100,000; 1,000,000 with
 * `--million`), through the real campaign function and its checkpoints: the action is called
 * again while the run says `partial`, as the per-minute timer would. Reports wall time, members
 * per second and peak RSS at two sizes, to show memory stays flat as the base grows.
 */
export async function campaignScale(): Promise<Section> {
  const sizes = process.argv.includes('--million') ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
  const rows: Array<Array<string | number>> = [];
  for (const size of sizes) {
    const dataDir = mkdtempSync(join(tmpdir(), 'loyalty-campaign-bench-'));
    const emu = await startEmulator({ ...PROJECT, dataDir, dbPort: 0, hostPort: 0, timers: false, logger: pino({ level: 'silent' }) });
    try {
      const now = new Date();
      await insertSyntheticMembers(size, now);
      const admin = (action: string, body: Record<string, unknown>) => emu.invokeAdmin('campaign', { action, ...body });
      data(await admin('create', { campaignId: 'vip_gift', name: 'VIP 赠分', description: '1% 的会员', audience: { tags: ['vip'] }, reward: { kind: 'points', points: 50 }, budget: { maxGrants: size }, frequency: { kind: 'oncePerCampaign' }, schedule: SCHEDULE, holdoutPercent: 10 }), 'create');
      await approveCampaign(emu, 'vip_gift');
      for (const [action, label] of [['preview', 'preview (dry run)'], ['trigger', 'trigger (grants)']] as const) {
        let peak = process.memoryUsage().rss;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
        const start = performance.now();
        let run = data<Run>(await admin(action, { campaignId: 'vip_gift' }), action);
        let invocations = 1;
        while (run.partial) {
          run = data<Run>(await admin(action === 'preview' ? 'preview' : 'trigger', { campaignId: 'vip_gift' }), action);
          invocations += 1;
        }
        const ms = performance.now() - start;
        clearInterval(sampler);
        rows.push([fmt.int(size), label, fmt.int(run.scanned), fmt.int(run.eligible), fmt.int(run.granted), (ms / 1000).toFixed(1), fmt.int((run.scanned * 1000) / ms), invocations, fmt.mb(peak)]);
      }
    } finally {
      await emu.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return {
    title: 'Campaign preview and trigger at scale',
    command: 'npm run bench -- campaign   (add --million for 1,000,000 members)',
    headers: ['members', 'action', 'scanned', 'eligible', 'granted', 'seconds', 'members/s', 'invocations', 'peak RSS MB'],
    rows,
    notes: [
      'Audience: the `vip` tag (1% of members), 10% holdout; each grant is one transaction (member, ledger, grant document, campaign counter).',
      'Invocations: how many calls the run took; each stops before the function timeout (60 s) and saves its cursor, as in the cloud.',
      'Members are generated and inserted through the SDK in batches of 1,000 (not timed); the database is on disk (SQLite, WAL).',
      'Peak RSS is of the whole process (emulator, database and function); it should not grow with the member count.',
    ],
  };
}
