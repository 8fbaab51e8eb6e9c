import type { SegmentJobReport } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { MemberDoc, MemberSegment, SegmentJobDoc } from '../../data/documents';
import { find, getById, patchWhere, put, type Where } from '../../data/store';
import { dayKey } from '../time/calendar';
import { lifecycleStage } from './lifecycle';
import { rfmCuts, rfmScores, type RfmCuts } from './rfm';
import { loadSegmentSettings } from './settings';

const STATE_ID = 'segments';
const PAGE_SIZE = 500;
/**
 * Member ids are random (32 hex), so the first buyers in `_id` order are a uniform random sample
 * of all buyers: quintiles of this many are within ~1-2 percentile ranks of the exact ones, and
 * exact whenever the base has fewer buyers. Two indexed page reads instead of sorting the base.
 */
const SAMPLE_SIZE = 2000;
const SAMPLE_PAGE = 1000;

const ACTIVE_BUYERS = () => ({ status: 'active', 'stats.orders': command().gt(0) });

async function sampleCuts(): Promise<RfmCuts> {
  const _ = command();
  const sample: MemberDoc[] = [];
  let after = '';
  while (sample.length < SAMPLE_SIZE) {
    const page = await find<MemberDoc>(COLLECTIONS.members, { ...ACTIVE_BUYERS(), _id: _.gt(after) } as Where, {
      orderBy: [['_id', 'asc']],
      limit: SAMPLE_PAGE,
      fields: { _id: true, stats: true },
    });
    sample.push(...page);
    if (page.length < SAMPLE_PAGE) break;
    after = page[page.length - 1]._id;
  }
  return rfmCuts(sample);
}

function segmentKey(s: Omit<MemberSegment, 'computedAt'>): string {
  return `${s.r}${s.f}${s.m}:${s.stage}`;
}

/**
 * Recomputes every active member's RFM scores and lifecycle stage, once per business day, as a
 * resumable job (like the daily reconciliation): the cut points are fixed at the start of the
 * day's run and saved with the cursor, and each invocation continues until its time is up.
 * Members with the same result in a page are written with one update, so a page of 500 costs a
 * handful of writes. The write is a field update outside a transaction: a purchase committing at
 * the same moment may put back the previous segment, which the next day's run corrects.
 */
export async function recomputeSegments(now: Date, timeLeftMs: () => number, maxMembers?: number): Promise<SegmentJobReport> {
  const runId = dayKey(now);
  const state = await getById<SegmentJobDoc>(COLLECTIONS.jobState, STATE_ID);
  if (state && state.runId === runId && state.finishedAt) {
    return { runId, scanned: 0, totalScanned: state.scanned, partial: false, alreadyFinished: true, cuts: state.cuts };
  }
  const resuming = state !== null && state.runId === runId;
  const job: SegmentJobDoc = resuming ? state : { _id: STATE_ID, runId, cursor: '', startedAt: now, finishedAt: null, scanned: 0, cuts: await sampleCuts() };
  const settings = await loadSegmentSettings();
  const _ = command();
  let scanned = 0;
  let done = false;
  while (timeLeftMs() > 0) {
    const room = maxMembers === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, maxMembers - scanned);
    if (room <= 0) break;
    const page = await find<MemberDoc>(COLLECTIONS.members, { status: 'active', _id: _.gt(job.cursor) } as Where, {
      orderBy: [['_id', 'asc']],
      limit: room,
      fields: { _id: true, joinedAt: true, stats: true },
    });
    const groups = new Map<string, { segment: MemberSegment; ids: string[] }>();
    for (const member of page) {
      const segment: MemberSegment = { ...rfmScores(member, job.cuts), stage: lifecycleStage(member, settings, job.startedAt), computedAt: now };
      const key = segmentKey(segment);
      const group = groups.get(key) ?? { segment, ids: [] };
      group.ids.push(member._id);
      groups.set(key, group);
    }
    for (const { segment, ids } of groups.values()) await patchWhere(COLLECTIONS.members, { _id: _.in(ids) }, { segment });
    scanned += page.length;
    if (page.length > 0) job.cursor = page[page.length - 1]._id;
    job.scanned += page.length;
    if (page.length < room) {
      done = true;
      break;
    }
    await put(COLLECTIONS.jobState, job);
  }
  if (done) job.finishedAt = now;
  await put(COLLECTIONS.jobState, job);
  return { runId, scanned, totalScanned: job.scanned, partial: !done, alreadyFinished: false, cuts: job.cuts };
}
