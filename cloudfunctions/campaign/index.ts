import { z } from 'zod';
import { campaignCalendar } from '../shared/domain/campaigns/calendar-listing';
import { createCampaign, campaignView, listCampaigns, requireCampaign, reviewCampaign, setCampaignStatus, updateCampaign } from '../shared/domain/campaigns/catalogue';
import { offersFor } from '../shared/domain/campaigns/offers';
import { kpiReport } from '../shared/domain/campaigns/report';
import { campaignDefinition, campaignId, isoDate } from '../shared/domain/campaigns/definition-schema';
import { continueRuns, latestRunReport, previewCampaign, runReport, triggerCampaign } from '../shared/domain/campaigns/runner';
import { setMemberTags } from '../shared/domain/campaigns/tags';
import { recomputeSegments } from '../shared/domain/segments/recompute';
import { loadSegmentSettings, updateSegmentSettings } from '../shared/domain/segments/settings';
import { admin, shopper } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { EVERY_ROLE, OPERATORS, OWNERS } from '../shared/platform/roles';
import { documentId, empty } from '../shared/platform/schemas';
import { dashboard } from '../shared/domain/dashboard/service';
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

const MAX_DASHBOARD_DAYS = 366;

/** A YYYY-MM-DD bound is a whole business day (China time): `from` its start, `to` its end. */
function bound(value: string, end: boolean): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
  return new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`);
}

const range = z.strictObject({ from: day, to: day }).refine((r) => bound(r.from, false) <= bound(r.to, true), 'from must not be after to');

/**
 * Campaigns: the shopper's `offers`, and admin actions (console, timers, listed admin openids;
 * never HTTP access) to define, preview, trigger and measure campaigns. The one timer trigger
 * (`dispatch`, every minute) runs `schedule.ts`: continue unfinished runs, recompute segments.
 */
export const main = defineFunction('campaign', {
  offers: action({ input: empty, guard: shopper, run: async (_i, call, openid) => ({ offers: await offersFor(openid, call.now) }) }),
  create: action({
    input: z.strictObject({ campaignId, ...definition }),
    guard: admin, roles: OPERATORS,
    run: ({ campaignId: id, ...def }, call, actor) => createCampaign(id, def, actor, call.now),
  }),
  update: action({
    input: z.strictObject({ campaignId, ...z.strictObject(definition).partial().shape }),
    guard: admin, roles: OPERATORS,
    run: ({ campaignId: id, ...changes }, call, actor) => updateCampaign(id, changes, actor, call.now),
  }),
  pause: action({ input: z.strictObject({ campaignId }), guard: admin, roles: OPERATORS, run: (input, call, actor) => setCampaignStatus(input.campaignId, 'paused', actor, call.now) }),
  resume: action({ input: z.strictObject({ campaignId }), guard: admin, roles: OPERATORS, run: (input, call, actor) => setCampaignStatus(input.campaignId, 'active', actor, call.now) }),
  get: action({ input: z.strictObject({ campaignId }), guard: admin, roles: EVERY_ROLE, run: async (input, call) => campaignView(await requireCampaign(input.campaignId), call.now) }),
  list: action({ input: empty, guard: admin, roles: EVERY_ROLE, run: async (_i, call) => ({ campaigns: (await listCampaigns()).map((doc) => campaignView(doc, call.now)) }) }),
  submit: action({ input: z.strictObject({ campaignId }), guard: admin, roles: OPERATORS, run: (input, call, actor) => reviewCampaign(input.campaignId, 'submit', actor, call.now) }),
  approve: action({ input: z.strictObject({ campaignId }), guard: admin, roles: OPERATORS, run: (input, call, actor) => reviewCampaign(input.campaignId, 'approve', actor, call.now) }),
  reject: action({
    input: z.strictObject({ campaignId, reason: z.string().trim().min(2).max(200) }),
    guard: admin, roles: OPERATORS,
    run: (input, call, actor) => reviewCampaign(input.campaignId, 'reject', actor, call.now, input.reason),
  }),
  calendar: action({ input: z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM') }), guard: admin, roles: EVERY_ROLE, run: (input, call) => campaignCalendar(input.month, call.now) }),
  preview: action({
    input: z.strictObject({ campaignId, maxMembers }),
    guard: admin, roles: EVERY_ROLE,
    run: (input, call, actor) => previewCampaign(input.campaignId, actor, call.now, { timeLeftMs: call.timeLeftMs, maxMembers: input.maxMembers }),
  }),
  trigger: action({
    input: z.strictObject({ campaignId, maxMembers }),
    guard: admin, roles: OPERATORS,
    run: (input, call, actor) => triggerCampaign(input.campaignId, actor, call.now, { timeLeftMs: call.timeLeftMs, maxMembers: input.maxMembers }),
  }),
  continue: action({
    input: z.strictObject({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/).optional(), maxMembers }),
    guard: admin, roles: OPERATORS,
    run: async (input, call) => ({ runs: await continueRuns(input.runId, call.now, { timeLeftMs: call.timeLeftMs, maxMembers: input.maxMembers }) }),
  }),
  progress: action({
    input: z.union([z.strictObject({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) }), z.strictObject({ campaignId })]),
    guard: admin, roles: EVERY_ROLE,
    run: (input) => ('runId' in input ? runReport(input.runId, null) : latestRunReport(input.campaignId)),
  }),
  report: action({
    input: range,
    guard: admin, roles: EVERY_ROLE,
    run: (input) => kpiReport(bound(input.from, false), bound(input.to, true)),
  }),
  dashboard: action({
    input: range.refine((r) => bound(r.to, true).getTime() - bound(r.from, false).getTime() <= MAX_DASHBOARD_DAYS * 86_400_000, `the range may span at most ${MAX_DASHBOARD_DAYS} days`),
    guard: admin, roles: EVERY_ROLE,
    run: (input) => dashboard(bound(input.from, false), bound(input.to, true)),
  }),
  getSegmentSettings: action({ input: empty, guard: admin, roles: EVERY_ROLE, run: () => loadSegmentSettings() }),
  setSegmentSettings: action({ input: segmentSettings.partial(), guard: admin, roles: OPERATORS, run: (input, call, actor) => updateSegmentSettings(input, actor, call.now) }),
  setMemberTags: action({
    input: z.strictObject({ memberId: documentId, tags: z.array(z.string().trim().min(1).max(32)).max(20) }),
    guard: admin, roles: OPERATORS,
    run: (input, call, actor) => setMemberTags(input.memberId, input.tags, actor, call.now),
  }),
  recomputeSegments: action({ input: z.strictObject({ maxMembers }), guard: admin, roles: OWNERS, run: (input, call) => recomputeSegments(call.now, call.timeLeftMs, input.maxMembers) }),
  dispatch: action({ input: empty, guard: admin, roles: OWNERS, run: (_i, call) => dispatchDueJobs('campaign', CAMPAIGN_SCHEDULE, call.now, call.timeLeftMs) }),
  continueRuns: action({ input: empty, guard: admin, roles: OWNERS, run: async (_i, call) => ({ runs: await continueRuns(undefined, call.now, { timeLeftMs: call.timeLeftMs }) }) }),
});
