import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startEmulator } from 'cloudbase-local-emulator';
import { COLLECTIONS } from '../cloudfunctions/shared/data/collections';
import { database } from '../cloudfunctions/shared/data/database';
import type { MemberDoc, NotifyPrefsDoc } from '../cloudfunctions/shared/data/documents';
import { checked } from '../cloudfunctions/shared/data/store';
import { PROJECT } from '../local/paths';
import { DEMO_NOTIFICATION_SETTINGS } from '../local/seed/notifications';
import { fmt, type Section } from './lib/report';
import { syntheticMember } from './lib/synthetic-members';
import { data } from './lib/world';

const DAY = 86_400_000;

interface JobReport {
  scanned: number;
  changed: number;
  partial: boolean;
}

/** Every 10th synthetic member has 50 points expiring in 3 days (due a reminder); the others in a year. */
function expiringMember(i: number, now: Date): MemberDoc {
  const expiresAt = new Date(now.getTime() + (i % 10 === 0 ? 3 : 365) * DAY);
  return {
    ...syntheticMember(i, now),
    points: { balance: 50, available: 50, pending: 0, debt: 0 },
    lots: [{ id: `lot${i}`, state: 'open', earnedAt: now, availableAt: now, expiresAt, original: 50, remaining: 50, orderNo: null }],
    nextExpiryAt: expiresAt,
  };
}

async function insertBatches<T>(collection: string, count: number, make: (i: number) => T): Promise<void> {
  const target = database().collection(collection);
  for (let start = 0; start < count; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - start) }, (_, k) => make(start + k));
    checked((await target.add(batch as unknown as Record<string, unknown>[])) as object);
  }
}

/** Runs a jobs action again while it reports `partial`, as the dispatch timer's ticks would. */
async function untilDone(invoke: () => Promise<unknown>, label: string): Promise<{ report: JobReport; invocations: number; ms: number; scanned: number; changed: number; peak: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const start = performance.now();
  let invocations = 0;
  let scanned = 0;
  let changed = 0;
  let report: JobReport;
  do {
    report = data<JobReport>(await invoke(), label);
    invocations += 1;
    scanned += report.scanned;
    changed += report.changed;
  } while (report.partial);
  clearInterval(sampler);
  return { report, invocations, ms: performance.now() - start, scanned, changed, peak };
}

/**
 * The daily points-expiry reminder over a generated base of 100,000 members (10% due a reminder),
 * through the real jobs function and its checkpoint; then the sender over the 10,000 queued
 * messages, 2,000 of whose members accepted the template (emulator quota + our record).
 */
export async function notificationScale(): Promise<Section> {
  const rows: Array<Array<string | number>> = [];
  const size = 100_000;
  {
    const dataDir = mkdtempSync(join(tmpdir(), 'loyalty-notify-bench-'));
    const emu = await startEmulator({ ...PROJECT, dataDir, dbPort: 0, hostPort: 0, timers: false, logger: pino({ level: 'silent' }) });
    try {
      const now = new Date();
      await insertBatches(COLLECTIONS.members, size, (i) => expiringMember(i, now));
      data(await emu.invokeAdmin('notify', { action: 'configure', settings: { ...DEMO_NOTIFICATION_SETTINGS, quietHours: { startHour: 0, endHour: 0 }, caps: { perDay: 50, perWeek: 200 } } }), 'configure');
      const remind = await untilDone(() => emu.invokeAdmin('jobs', { action: 'remindPointsExpiring' }), 'remindPointsExpiring');
      rows.push([fmt.int(size), 'remindPointsExpiring', fmt.int(remind.scanned), fmt.int(remind.changed), (remind.ms / 1000).toFixed(1), fmt.int((remind.scanned * 1000) / remind.ms), remind.invocations, fmt.mb(remind.peak)]);
      // 2,000 of the reminded members accepted the template (WeChat's record and ours); the rest have no quota.
      const template = DEMO_NOTIFICATION_SETTINGS.templates.find((t) => t.kind === 'pointsExpiring')?.templateId ?? '';
      const accepted = Array.from({ length: 2_000 }, (_v, k) => k * 10);
      for (const i of accepted) emu.subscribeMessages.recordChoices(`bench_openid_${i}`, { [template]: 'accept' });
      await insertBatches(COLLECTIONS.notifyPrefs, accepted.length, (k): NotifyPrefsDoc => ({ _id: `bench${String(accepted[k]).padStart(8, '0')}`, remaining: { pointsExpiring: 1 }, optedOut: [], sentByDay: {}, updatedAt: now }));
      const send = await untilDone(() => emu.invokeAdmin('jobs', { action: 'sendNotifications' }), 'sendNotifications');
      rows.push([fmt.int(size), 'sendNotifications', fmt.int(send.scanned), fmt.int(send.changed), (send.ms / 1000).toFixed(1), fmt.int((send.scanned * 1000) / send.ms), send.invocations, fmt.mb(send.peak)]);
    } finally {
      await emu.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return {
    title: 'Notification reminders and sending at scale',
    command: 'npm run bench -- notifications',
    headers: ['members', 'job', 'documents walked', 'raised / sent', 'seconds', 'per second', 'invocations', 'peak RSS MB'],
    rows,
    notes: [
      'Every 10th member has points expiring in 3 days: the walk reads them through the nextExpiryAt index (10,000 of 100,000) and raises one notification each, a page (200) per batch insert.',
      'Invocations: jobs calls until the job stops saying `partial`; each stops before the function timeout (60 s) and resumes from its saved cursor, as the dispatch timer would.',
      'sendNotifications: per message a claim, a quota/caps transaction on the member preferences, the callWxOpenApi round trip to the emulated subscribeMessage.send, and the outcome.',
      'Members and preferences are inserted through the SDK in batches of 1,000 (not timed); the database is on disk (SQLite, WAL).',
    ],
  };
}
