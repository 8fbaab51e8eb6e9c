import { z } from 'zod';
import { createCampaign, campaignView, listCampaigns, requireCampaign, setCampaignStatus, updateCampaign } from '../shared/domain/campaigns/catalogue';
import { offersFor } from '../shared/domain/campaigns/offers';
import { kpiReport } from '../shared/domain/campaigns/report';
import { campaignDefinition, campaignId, isoDate } from '../shared/domain/campaigns/definition-schema';
import { continueRuns, previewCampaign, runReport, triggerCampaign } from '../shared/domain/campaigns/runner';
import { setMemberTags } from '../shared/domain/campaigns/tags';
import { recomputeSegments } from '../shared/domain/segments/recompute';
import { loadSegmentSettings, updateSegmentSettings } from '../shared/domain/segments/settings';
import { admin, shopper } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { documentId, empty } from '../shared/platform/schemas';
import { dispatchDueJobs } from '../shared/domain/timers/dispatch';
import { CAMPAIGN_SCHEDULE } from './schedule';

const definition = campaignDefinition;
/** Members per invocation: lets an admin (and the tests) stop a walk part-way, as a timeout would. */
const maxMembers = z.number().int().min(1).max(1_000_000).optional();
const segmentSettings = z.strictObject({
  newWithinDays: z.number().int().min(1).max(365),
  decliningAfterDays: z.number().int().min(1).max(3650),
  dormantAfterDays: z.number().int().min(1).max(3650),
  churnedAfterDays: z.number().int().min(1).max(3650),
  matureMinOrders: z.number().int().min(1).max(1000),
});
const day = z.union([isoDate, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD or an ISO date-time')]);

/** A YYYY-MM-DD bound is a whole business day (China time): `from` its start, `to` its end. */
function bound(value: string, end: boolean): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
  return new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`);
}

/**
 * Campaigns: the shopper's `offers`, and admin actions (console, timers, listed admin openids;
 * never HTTP access) to define, preview, trigger and measure campaigns. The one timer trigger
 * (`dispatch`, every minute) runs `schedule.ts`: continue unfinished runs, recompute segments.
 */
export const main = defineFunction('campaign', {
  offers: action({ input: empty, guard: shopper, run: async (_i, call, openid) => ({ offers: await offersFor(openid, call.now) }) }),
  create: action({
    input: z.strictObject({ campaignId, ...definition }),
    guard: admin,
    run: ({ campaignId: id, ...def }, call, actor) => createCampaign(id, def, actor, call.now),
  }),
  update: action({
    input: z.strictObject({ campaignId, ...z.strictObject(definition).partial().shape }),
    guard: admin,
    run: ({ campaignId: id, ...changes }, call, actor) => updateCampaign(id, changes, actor, call.now),
  }),
  pause: action({ input: z.strictObject({ campaignId }), guard: admin, run: (input, call, actor) => setCampaignStatus(input.campaignId, 'paused', actor, call.now) }),
  resume: action({ input: z.strictObject({ campaignId }), guard: admin, run: (input, call, actor) => setCampaignStatus(input.campaignId, 'active', actor, call.now) }),
  get: action({ input: z.strictObject({ campaignId }), guard: admin, run: async (input) => campaignView(await requireCampaign(input.campaignId)) }),
  list: action({ input: empty, guard: admin, run: async () => ({ campaigns: (await listCampaigns()).map(campaignView) }) }),
  preview: action({
    input: z.strictObject({ campaignId, maxMembers }),
    guard: admin,
    run: (input, call, actor) => previewCampaign(input.campaignId, actor, call.now, { timeLeftMs: call.timeLeftMs, maxMembers: input.maxMembers }),
  }),
  trigger: action({
    input: z.strictObject({ campaignId, maxMembers }),
    guard: admin,
    run: (input, call, actor) => triggerCampaign(input.campaignId, actor, call.now, { timeLeftMs: call.timeLeftMs, maxMembers: input.maxMembers }),
  }),
  continue: action({
    input: z.strictObject({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/).optional(), maxMembers }),
    guard: admin,
    run: async (input, call) => ({ runs: await continueRuns(input.runId, call.now, { timeLeftMs: call.timeLeftMs, maxMembers: input.maxMembers }) }),
  }),
  progress: action({ input: z.strictObject({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) }), guard: admin, run: (input) => runReport(input.runId, null) }),
  report: action({
    input: z.strictObject({ from: day, to: day }).refine((r) => bound(r.from, false) <= bound(r.to, true), 'from must not be after to'),
    guard: admin,
    run: (input) => kpiReport(bound(input.from, false), bound(input.to, true)),
  }),
  getSegmentSettings: action({ input: empty, guard: admin, run: () => loadSegmentSettings() }),
  setSegmentSettings: action({ input: segmentSettings.partial(), guard: admin, run: (input, call, actor) => updateSegmentSettings(input, actor, call.now) }),
  setMemberTags: action({
    input: z.strictObject({ memberId: documentId, tags: z.array(z.string().trim().min(1).max(32)).max(20) }),
    guard: admin,
    run: (input, call, actor) => setMemberTags(input.memberId, input.tags, actor, call.now),
  }),
  recomputeSegments: action({ input: z.strictObject({ maxMembers }), guard: admin, run: (input, call) => recomputeSegments(call.now, call.timeLeftMs, input.maxMembers) }),
  dispatch: action({ input: empty, guard: admin, run: (_i, call) => dispatchDueJobs('campaign', CAMPAIGN_SCHEDULE, call.now, call.timeLeftMs) }),
  continueRuns: action({ input: empty, guard: admin, run: async (_i, call) => ({ runs: await continueRuns(undefined, call.now, { timeLeftMs: call.timeLeftMs }) }) }),
});
