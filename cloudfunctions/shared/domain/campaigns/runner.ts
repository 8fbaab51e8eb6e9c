import { auditInTransaction, adminAudit } from '../audit/audit';
import type { RunReport, SkipCounts } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { CampaignDoc, CampaignRunDoc, MemberDoc } from '../../data/documents';
import { aggregate, count, find, getById, patch, patchWhere, type Where } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { newId } from '../../platform/ids';
import { loadSegmentSettings } from '../segments/settings';
import { loadConfiguration } from '../settings/service';
import { toIso } from '../time/calendar';
import { requireCampaign } from './catalogue';
import { approvalOf, isApproved } from './approval';
import { audienceQuery } from './audience-query';
import { factsFor } from './facts';
import { grantIds, grantMember, recordHoldout } from './grant';
import { inHoldout } from './holdout';
import { estimatedMultiplierPoints, inSchedule, isCapped, pointsOf } from './policy';
import { evaluate } from './rules';
import { rewardFor } from './variants';

const PAGE_SIZE = 200;
/** Longer than one invocation can live (function timeout 60 s), so a crashed holder's lease lapses by the next timer. */
const LEASE_MS = 90_000;
const NO_LEASE = new Date(0);

const emptySkips = (): SkipCounts => ({ notEligible: 0, capped: 0, alreadyGranted: 0, budgetExhausted: 0, inactive: 0 });

function newRun(runId: string, campaignId: string, dryRun: boolean, now: Date): CampaignRunDoc {
  return {
    _id: runId,
    campaignId,
    dryRun,
    status: 'running',
    cursor: '',
    leaseUntil: NO_LEASE,
    scanned: 0,
    eligible: 0,
    holdout: 0,
    estimatedPoints: 0,
    byTier: {},
    byStage: {},
    skipped: emptySkips(),
    startedAt: now,
    finishedAt: null,
    updatedAt: now,
  };
}

function assertRunnable(campaign: CampaignDoc, now: Date): void {
  if (!isApproved(campaign)) throw new AppError('CAMPAIGN_NOT_APPROVED', `campaign ${campaign._id} is ${approvalOf(campaign).state}: submit it and have another admin approve it`);
  if (campaign.status !== 'active') throw new AppError('CAMPAIGN_NOT_RUNNABLE', `campaign ${campaign._id} is paused`);
  if (!inSchedule(campaign, now)) throw new AppError('CAMPAIGN_NOT_RUNNABLE', `campaign ${campaign._id} runs ${toIso(campaign.startAt)} – ${toIso(campaign.endAt)}`);
}

/**
 * Starts a real run, or returns the campaign's unfinished one: the campaign document names its
 * active run, and the run is created in the same transaction that sets it, so a retried or
 * concurrent trigger cannot start a second walk.
 */
async function openRun(campaignId: string, actor: string, now: Date): Promise<string> {
  return inTransaction(async (tx) => {
    const campaign = await tx.get<CampaignDoc>(COLLECTIONS.campaigns, campaignId);
    if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND', `no campaign ${campaignId}`);
    assertRunnable(campaign, now);
    if (campaign.activeRunId) {
      const active = await tx.get<CampaignRunDoc>(COLLECTIONS.campaignRuns, campaign.activeRunId);
      if (active && active.status === 'running') return active._id;
    }
    const runId = `${campaignId}-r${campaign.runs + 1}`;
    await tx.patch(COLLECTIONS.campaigns, campaignId, { activeRunId: runId, runs: campaign.runs + 1, updatedAt: now });
    await tx.create(COLLECTIONS.campaignRuns, newRun(runId, campaignId, false, now));
    await auditInTransaction(tx, adminAudit(actor, 'campaign.trigger', { campaignId, runId }, now));
    return runId;
  });
}

/** Holds the run for this invocation; false when another invocation holds it. */
async function claim(runId: string, now: Date): Promise<boolean> {
  const _ = command();
  const claimed = await patchWhere(COLLECTIONS.campaignRuns, { _id: runId, status: 'running', leaseUntil: _.lt(now) }, { leaseUntil: new Date(now.getTime() + LEASE_MS) });
  return claimed === 1;
}

interface Budget {
  timeLeftMs: () => number;
  maxMembers?: number;
}

/**
 * Advances a run from its cursor until the members, the time budget or `maxMembers` run out,
 * checkpointing after every page. Counters kept on the run (scanned, eligible, holdout, skips,
 * breakdowns) are saved with the cursor, so members of a page cut short by a crash are counted
 * when that page is walked again; grants are counted from the grant documents, which the
 * transaction writes, so they are exact whatever happened. Members already granted in this run
 * come back as `alreadyGranted` after a crash, never as a second grant.
 */
async function advance(runId: string, now: Date, budget: Budget): Promise<RunReport> {
  if (!(await claim(runId, now))) return runReport(runId, 'busy');
  try {
    const run = (await getById<CampaignRunDoc>(COLLECTIONS.campaignRuns, runId)) as CampaignRunDoc;
    const campaign = await requireCampaign(run.campaignId);
    if (!run.dryRun && !isApproved(campaign)) return await runReport(runId, 'unapproved');
    if (campaign.status !== 'active') return await runReport(runId, 'paused');
    if (!inSchedule(campaign, now)) {
      await finish(run, campaign, 'ended', now);
      return await runReport(runId, null);
    }
    const [config, settings] = await Promise.all([loadConfiguration(), loadSegmentSettings()]);
    const _ = command();
    // Compiled once per invocation with this invocation's `now`, the same time the rule is evaluated at.
    const audience = audienceQuery(campaign.audience, now);
    let visited = 0;
    let stop: CampaignRunDoc['status'] | null = null;
    while (stop === null && budget.timeLeftMs() > 0) {
      const room = budget.maxMembers === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, budget.maxMembers - visited);
      if (room <= 0) break;
      // `status` is not part of the filter: nearly every member is active, so it narrows nothing an
      // index could use; the audience query does the narrowing and deleted members are skipped below.
      const walk: Where = { _id: _.gt(run.cursor) };
      const where = audience ? (_.and([walk, audience]) as unknown as Where) : walk;
      const fetched = await find<MemberDoc>(COLLECTIONS.members, where, { orderBy: [['_id', 'asc']], limit: room });
      const page = fetched.filter((m) => m.status === 'active');
      const facts = new Map((await factsFor(page, campaign.audience, settings, now)).map((f) => [f.memberId, f]));
      const caps = run.dryRun ? await capsFor(campaign._id, page) : new Map<string, Date>();
      for (const member of fetched) {
        // Checked per member, not per page: a grant is a transaction, and a page of them can outlast the margin.
        if (budget.timeLeftMs() <= 0) break;
        const memberFacts = facts.get(member._id);
        if (!memberFacts) {
          run.cursor = member._id; // deleted: passed over, not counted
          continue;
        }
        const outcome = await visit(run, campaign, member, memberFacts, caps, config.settings, now);
        run.cursor = member._id;
        run.scanned += 1;
        visited += 1;
        if (outcome === 'budgetExhausted') stop = 'budget_exhausted';
        if (outcome === 'stopped') stop = 'ended';
        if (stop) break;
      }
      if (stop === null && fetched.length < room && run.cursor === (fetched[fetched.length - 1]?._id ?? run.cursor)) stop = 'done';
      await checkpoint(run, now);
    }
    if (stop === 'ended') {
      const fresh = await requireCampaign(run.campaignId);
      // A pause mid-walk leaves the run waiting; only the end of the schedule ends it.
      if (!isApproved(fresh) && inSchedule(fresh, now)) return await runReport(runId, 'unapproved');
      if (fresh.status !== 'active' && inSchedule(fresh, now)) return await runReport(runId, 'paused');
    }
    if (stop) await finish(run, campaign, stop, now);
    return await runReport(runId, null);
  } finally {
    await patch(COLLECTIONS.campaignRuns, runId, { leaseUntil: NO_LEASE });
  }
}

/** Frequency-cap documents of a page, for the preview (a real run re-checks inside its transaction). */
async function capsFor(campaignId: string, page: MemberDoc[]): Promise<Map<string, Date>> {
  if (page.length === 0) return new Map();
  const _ = command();
  const ids = page.map((m) => grantIds.cap(campaignId, m._id));
  const docs = await find<{ memberId: string; lastGrantAt: Date }>(COLLECTIONS.campaignCaps, { _id: _.in(ids) }, { limit: ids.length });
  return new Map(docs.map((d) => [d.memberId, d.lastGrantAt]));
}

type VisitOutcome = 'notEligible' | 'holdout' | 'counted' | Awaited<ReturnType<typeof grantMember>>;

async function visit(
  run: CampaignRunDoc,
  campaign: CampaignDoc,
  member: MemberDoc,
  facts: Parameters<typeof evaluate>[1],
  caps: Map<string, Date>,
  settings: { pointsPerYuan: number; expiryMonths: number },
  now: Date,
): Promise<VisitOutcome> {
  if (!evaluate(campaign.audience, facts, now)) {
    run.skipped.notEligible += 1;
    return 'notEligible';
  }
  run.eligible += 1;
  run.byTier[facts.tier] = (run.byTier[facts.tier] ?? 0) + 1;
  run.byStage[facts.stage] = (run.byStage[facts.stage] ?? 0) + 1;
  if (inHoldout(campaign._id, member._id, campaign.holdoutPercent)) {
    run.holdout += 1;
    if (!run.dryRun) await recordHoldout(campaign._id, run._id, member._id, now);
    return 'holdout';
  }
  if (run.dryRun) {
    const lastGrant = caps.get(member._id);
    if (lastGrant && isCapped({ lastGrantAt: lastGrant }, campaign.frequency, now)) {
      run.skipped.capped += 1;
      return 'capped';
    }
    const { reward } = rewardFor(campaign, member._id);
    run.estimatedPoints += reward.kind === 'points' ? pointsOf(reward) : reward.kind === 'multiplier' ? estimatedMultiplierPoints(member.stats, member.joinedAt, reward, settings.pointsPerYuan, now) : 0;
    return 'counted';
  }
  const outcome = await grantMember(campaign._id, run._id, member._id, settings.expiryMonths, now);
  if (outcome !== 'granted' && outcome !== 'stopped') run.skipped[outcome] += 1;
  return outcome;
}

async function checkpoint(run: CampaignRunDoc, now: Date): Promise<void> {
  const { cursor, scanned, eligible, holdout, estimatedPoints, byTier, byStage, skipped } = run;
  await patch(COLLECTIONS.campaignRuns, run._id, { cursor, scanned, eligible, holdout, estimatedPoints, byTier, byStage, skipped, updatedAt: now });
}

async function finish(run: CampaignRunDoc, campaign: CampaignDoc, status: CampaignRunDoc['status'], now: Date): Promise<void> {
  await patch(COLLECTIONS.campaignRuns, run._id, { status, finishedAt: now, updatedAt: now });
  if (!run.dryRun && campaign.activeRunId === run._id) {
    await inTransaction(async (tx) => {
      const fresh = await tx.get<CampaignDoc>(COLLECTIONS.campaigns, campaign._id);
      if (fresh && fresh.activeRunId === run._id) await tx.patch(COLLECTIONS.campaigns, campaign._id, { activeRunId: null });
    });
  }
}

/**
 * Members a run's walk will count: the active members its audience query selects (the same
 * index-backed query the walk pages through), evaluated at the run's start, counted at the first
 * progress report and kept on the run. Members who join
 * during the walk can push `processed` past it; the percent is capped below 100 until the run ends.
 */
async function audienceSize(run: CampaignRunDoc): Promise<number> {
  const campaign = await getById<CampaignDoc>(COLLECTIONS.campaigns, run.campaignId);
  const audience = campaign ? audienceQuery(campaign.audience, new Date(run.startedAt)) : null;
  const active: Where = { status: 'active' };
  const total = await count(COLLECTIONS.members, audience ? (command().and([active, audience]) as unknown as Where) : active);
  // Counted once per run and kept on it: a progress bar polls, and a count over a large audience is not free.
  await patch(COLLECTIONS.campaignRuns, run._id, { audienceTotal: total });
  return total;
}

export function progressOf(processed: number, total: number, finished: boolean): RunReport['progress'] {
  if (finished) return { processed, total: Math.max(total, processed), percent: 100 };
  const percent = total > 0 ? Math.min(99, Math.floor((processed / total) * 100)) : 0;
  return { processed, total: Math.max(total, processed), percent };
}

/** The campaign's latest real run (what the console's progress bar follows). */
export async function latestRunReport(campaignId: string): Promise<RunReport> {
  const campaign = await requireCampaign(campaignId);
  const runId = campaign.activeRunId ?? (campaign.runs > 0 ? `${campaignId}-r${campaign.runs}` : null);
  if (!runId) throw new AppError('CAMPAIGN_RUN_NOT_FOUND', `campaign ${campaignId} has not been triggered`);
  return runReport(runId, null);
}

export async function runReport(runId: string, waiting: RunReport['waiting']): Promise<RunReport> {
  const run = await getById<CampaignRunDoc>(COLLECTIONS.campaignRuns, runId);
  if (!run) throw new AppError('CAMPAIGN_RUN_NOT_FOUND', `no run ${runId}`);
  const [granted, points, total] = await Promise.all([
    count(COLLECTIONS.campaignGrants, { runId, outcome: 'granted' }),
    aggregate<{ points: number }>(COLLECTIONS.campaignGrants, (agg) => agg.match({ runId, outcome: 'granted' }).group({ _id: null, points: command().aggregate.sum('$points') })),
    run.status !== 'running' ? Promise.resolve(run.scanned) : run.audienceTotal !== undefined ? Promise.resolve(run.audienceTotal) : audienceSize(run),
  ]);
  return {
    runId,
    campaignId: run.campaignId,
    dryRun: run.dryRun,
    status: run.status,
    partial: run.status === 'running',
    waiting,
    scanned: run.scanned,
    eligible: run.eligible,
    holdout: run.holdout,
    granted,
    pointsGranted: points[0]?.points ?? 0,
    estimatedPoints: run.estimatedPoints,
    byTier: run.byTier,
    byStage: run.byStage,
    skipped: run.skipped,
    progress: progressOf(run.scanned, total, run.status !== 'running'),
    startedAt: toIso(new Date(run.startedAt)),
    finishedAt: run.finishedAt ? toIso(new Date(run.finishedAt)) : null,
  };
}

/** Admin `trigger`: start (or continue) the campaign's run and advance it within this invocation. */
export async function triggerCampaign(campaignId: string, actor: string, now: Date, budget: Budget): Promise<RunReport> {
  const runId = await openRun(campaignId, actor, now);
  return advance(runId, now, budget);
}

/**
 * Admin `preview`: the same walk as a run, flagged dry: it counts the audience by tier and stage
 * and estimates the cost, and writes no grant. A large base spans invocations like a run does.
 */
export async function previewCampaign(campaignId: string, actor: string, now: Date, budget: Budget): Promise<RunReport> {
  const campaign = await requireCampaign(campaignId);
  const runId = `${campaign._id}-preview-${newId().slice(0, 8)}`;
  await inTransaction(async (tx) => {
    await tx.create(COLLECTIONS.campaignRuns, newRun(runId, campaignId, true, now));
    await auditInTransaction(tx, adminAudit(actor, 'campaign.preview', { campaignId, runId }, now));
  });
  return advance(runId, now, budget);
}

/** Continues one run, or every unfinished run (oldest first) while time is left: the timer's job. */
export async function continueRuns(runId: string | undefined, now: Date, budget: Budget): Promise<RunReport[]> {
  if (runId) {
    await runReport(runId, null); // not found → CAMPAIGN_RUN_NOT_FOUND
    return [await advance(runId, now, budget)];
  }
  const open = await find<CampaignRunDoc>(COLLECTIONS.campaignRuns, { status: 'running' }, { orderBy: [['startedAt', 'asc']], limit: 20 });
  const reports: RunReport[] = [];
  for (const run of open) {
    if (budget.timeLeftMs() <= 0) break;
    reports.push(await advance(run._id, now, budget));
  }
  return reports;
}

