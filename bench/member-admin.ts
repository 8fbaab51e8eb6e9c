import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startEmulator } from 'cloudbase-local-emulator';
import { COLLECTIONS } from '../cloudfunctions/shared/data/collections';
import { database } from '../cloudfunctions/shared/data/database';
import { isValidCardNo } from '../cloudfunctions/shared/domain/members/card-number';
import { protectPhone } from '../cloudfunctions/shared/domain/members/personal-data';
import { PROJECT } from '../local/paths';
import { fmt, type Section } from './lib/report';
import { insertSyntheticMembers } from './lib/synthetic-members';
import { data } from './lib/world';

const SIZE = 100_000;
const loadAverage = () => loadavg()[0].toFixed(1);
const REPEATS = 20;

function phoneOf(i: number): string {
  return `139${String(i).padStart(8, '0')}`;
}

/**
 * The console's member lookups at 100,000 members, through the real admin function on the
 * emulator in strict index mode (an unindexed query would fail the call): search by card number,
 * phone (keyed hash) and nickname prefix, and the member page (getMember). Median and worst of
 * REPEATS calls each, on different members.
 */
export async function memberAdmin(): Promise<Section> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loyalty-members-bench-'));
  const emu = await startEmulator({ ...PROJECT, dataDir, dbPort: 0, hostPort: 0, timers: false, unindexedQueries: 'error', logger: pino({ level: 'silent' }) });
  const rows: Array<Array<string | number>> = [];
  try {
    const now = new Date();
    await insertSyntheticMembers(SIZE, now);
    const picks = Array.from({ length: REPEATS }, (_, k) => {
      let i = 1000 + k * 4_999;
      while (!isValidCardNo(`8${String(i).padStart(11, '0')}`)) i += 1;
      return i;
    });
    const members = database().collection(COLLECTIONS.members);
    for (const i of picks) await members.doc(`bench${String(i).padStart(8, '0')}`).update({ phone: protectPhone(phoneOf(i)) });
    const admin = (body: Record<string, unknown>) => emu.invokeAdmin('admin', body);
    const cases: Array<[string, (i: number) => Record<string, unknown>, (result: unknown) => boolean]> = [
      ['searchMembers by card number', (i) => ({ action: 'searchMembers', cardNo: `8${String(i).padStart(11, '0')}` }), (r) => data<{ members: unknown[] }>(r).members.length === 1],
      ['searchMembers by phone', (i) => ({ action: 'searchMembers', phone: phoneOf(i) }), (r) => data<{ members: unknown[] }>(r).members.length === 1],
      ['searchMembers by nickname prefix', (i) => ({ action: 'searchMembers', nickname: `会员${String(i).slice(0, 3)}` }), (r) => data<{ members: unknown[] }>(r).members.length > 0],
      ['getMember', (i) => ({ action: 'getMember', memberId: `bench${String(i).padStart(8, '0')}` }), (r) => Boolean(data<{ profile: unknown }>(r).profile)],
    ];
    // The baseline of this run: one plain indexed read (a document by _id through the SDK, no
    // function), so the figures can be read as ratios whatever the machine's load.
    const baseline: number[] = [];
    for (const i of picks) {
      const start = performance.now();
      await members.doc(`bench${String(i).padStart(8, '0')}`).get();
      baseline.push(performance.now() - start);
    }
    baseline.sort((a, b) => a - b);
    const baseMedian = baseline[Math.floor(baseline.length / 2)];
    rows.push(['baseline: SDK doc get by _id', fmt.int(SIZE), REPEATS, baseMedian.toFixed(1), baseline[baseline.length - 1].toFixed(1), '1.0', loadAverage()]);
    for (const [label, event, ok] of cases) {
      const times: number[] = [];
      for (const i of picks) {
        const start = performance.now();
        const result = await admin(event(i));
        times.push(performance.now() - start);
        if (!ok(result)) throw new Error(`${label}: unexpected answer ${JSON.stringify(result).slice(0, 200)}`);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      rows.push([label, fmt.int(SIZE), REPEATS, median.toFixed(1), times[times.length - 1].toFixed(1), (median / baseMedian).toFixed(1), loadAverage()]);
    }
  } finally {
    await emu.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    title: 'Console member lookups at 100,000 members',
    command: 'npm run bench -- members',
    headers: ['lookup', 'members', 'calls', 'median ms', 'worst ms', '× baseline', 'load (1 min)'],
    rows,
    notes: [
      'Through the real admin function (in-process host, console key) on the emulator with strict index mode: every query is served by an index in indexes.json.',
      'Card number: index cardNo_unique; phone: keyed hash on index phoneHash; nickname: prefix range on index nickname (20 rows); getMember: about ten indexed reads of at most 20 documents plus one audit write.',
      'Members are generated and inserted through the SDK in batches of 1,000 (not timed); the database is on disk (SQLite, WAL). Goal: each lookup under 1 s.',
    ],
  };
}
