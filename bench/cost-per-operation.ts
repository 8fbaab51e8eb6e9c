import type { StatsSnapshot } from '../emulator/database/stats';
import { fmt, type Section } from './lib/report';
import { asShopper, data, registerAndScan, setupStore, startBenchEmulator } from './lib/world';
import { DEFAULT_SETTINGS } from '../cloudfunctions/shared/domain/settings/defaults';

type Row = [operation: string, snapshot: StatsSnapshot, repeat: number];

/**
 * CloudBase bills database requests; this counts them per business operation as the emulator
 * sees them (averaged over `repeat` runs), with the real functions and the real SDK.
 */
export async function costPerOperation(): Promise<Section> {
  const emu = await startBenchEmulator();
  const stats = emu.db.stats;
  const rows: Row[] = [];
  const measure = async (operation: string, repeat: number, work: (i: number) => Promise<unknown>) => {
    stats.resetStats();
    for (let i = 0; i < repeat; i += 1) await work(i);
    rows.push([operation, stats.snapshot(), repeat]);
  };
  try {
    await setupStore(emu, ['bench_staff']);
    const staff = asShopper(emu, 'bench_staff');
    await measure('member.register (first call)', 20, (i) => asShopper(emu, `bench_reg_${i}`)('member', 'register', { consentVersion: DEFAULT_SETTINGS.privacyPolicyVersion }));
    await measure('member.register (already a member)', 20, (i) => asShopper(emu, `bench_reg_${i}`)('member', 'register', { consentVersion: DEFAULT_SETTINGS.privacyPolicyVersion }));
    await measure('member.card', 20, (i) => asShopper(emu, `bench_reg_${i}`)('member', 'card'));
    await measure('member.code', 20, (i) => asShopper(emu, `bench_reg_${i}`)('member', 'code'));
    const codes = await Promise.all(Array.from({ length: 20 }, async (_, i) => data<{ code: string }>(await asShopper(emu, `bench_reg_${i}`)('member', 'code')).code));
    const sessions: string[] = [];
    await measure('staff.scan', 20, async (i) => sessions.push(data<{ sessionId: string }>(await staff('staff', 'scan', { code: codes[i] })).sessionId));
    await measure('staff.recordPurchase', 20, (i) => staff('staff', 'recordPurchase', { sessionId: sessions[i], orderNo: `COST-${i}`, amountFen: 12_800 }));
    await measure('staff.recordPurchase (retry of a recorded order)', 20, (i) => staff('staff', 'recordPurchase', { sessionId: sessions[i], orderNo: `COST-${i}`, amountFen: 12_800 }));
    await measure('staff.recordRefund (half)', 20, (i) => staff('staff', 'recordRefund', { orderNo: `COST-${i}`, refundNo: `R-${i}`, amountFen: 6_400 }));
    await measure('points.history (page of 20)', 20, (i) => asShopper(emu, `bench_reg_${i}`)('points', 'history', {}));
    const session = await registerAndScan(emu, 'bench_busy', 'bench_staff');
    for (let i = 0; i < 30; i += 1) data(await staff('staff', 'recordPurchase', { sessionId: session, orderNo: `BUSY-${i}`, amountFen: 1_000 }));
    await measure('admin.reconcile (22 members = one batch)', 1, () => emu.invokeAdmin('admin', { action: 'reconcile', batchSize: 200 }));
  } finally {
    await emu.close();
  }
  return {
    title: 'Database requests per business operation',
    command: 'npm run bench -- cost',
    headers: ['operation', 'requests', 'reads', 'writes', 'transaction control', 'conflicts/errors'],
    rows: rows.map(([name, s, n]) => [name, fmt.ms(s.requests / n), fmt.ms(s.reads / n), fmt.ms(s.writes / n), fmt.ms(s.transactions / n), fmt.ms(s.errors / n)]),
    notes: [
      'Averages per call, measured by the emulator database endpoint (each row is what CloudBase would bill as database requests).',
      'Reads include the settings documents each call loads (3 reads); caching them per instance would save those at the cost of staleness.',
      'Reconcile costs one page read and two aggregations per batch of up to 200 members (plus one empty page read at the end): about 15 requests per 1,000 members.',
    ],
  };
}
