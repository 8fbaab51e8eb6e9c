import type { DispatchReport } from './jobs';
import type { Dashboard } from './dashboard';
/**
 * Campaigns: segments, audience rules, rewards, runs and the KPI report. Admin actions live in
 * the `campaign` function behind the admin guard; `offers` is the shopper's one action.
 * Dates on the wire are ISO-8601 strings; money is integer fen; multipliers are permille.
 */

export type LifecycleStage = 'new' | 'growing' | 'mature' | 'declining' | 'dormant' | 'churned';
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = ['new', 'growing', 'mature', 'declining', 'dormant', 'churned'];

/** Inclusive range of an RFM score (1-5); a missing bound is open. */
export interface ScoreRange {
  min?: number;
  max?: number;
}

/**
 * A campaign audience: a tree of conditions (JSON). Each node has exactly one key.
 * See docs/campaigns.md for the format and examples.
 */
export type AudienceRule =
  | { all: AudienceRule[] }
  | { any: AudienceRule[] }
  | { not: AudienceRule }
  | { tiers: string[] }
  | { stages: LifecycleStage[] }
  | { rfm: { r?: ScoreRange; f?: ScoreRange; m?: ScoreRange } }
  /** Whole days since the last purchase; a member who never bought counts as infinitely long ago. */
  | { daysSinceLastPurchase: { min?: number; max?: number } }
  /** 1-12, or 'current' for the month of the evaluation (business timezone). */
  | { birthdayInMonth: number | 'current' }
  | { joinedWithinDays: number }
  | { tags: string[]; match?: 'any' | 'all' }
  /** Net spend (purchases minus refunds) over the last `days` days, in fen, bounds inclusive. */
  | { spendInWindow: { days: number; minFen?: number; maxFen?: number } };

export type CampaignReward =
  /** Points credited at once (available now, expiring like earned points). */
  | { kind: 'points'; points: number }
  /** A points multiplier applied at the till to purchases within `days` of the grant. */
  | { kind: 'multiplier'; permille: number; days: number }
  /** A coupon of an existing template (granted outside the template's claim stock and limits). */
  | { kind: 'coupon'; templateId: string };

/** One arm of an A/B test: a code shown in the report and the reward its members get. */
export interface CampaignVariant {
  code: string;
  reward: CampaignReward;
}

export type FrequencyCap = { kind: 'oncePerCampaign' } | { kind: 'oncePerDays'; days: number };

export interface CampaignBudget {
  /** Most grants over the campaign's life (all runs). */
  maxGrants?: number;
  /** Most points granted over the campaign's life (points rewards only). */
  maxPoints?: number;
}

export interface CampaignDefinition {
  name: string;
  description: string;
  audience: AudienceRule;
  reward: CampaignReward;
  budget: CampaignBudget;
  frequency: FrequencyCap;
  schedule: { startAt: string; endAt: string };
  /** Control group share in whole percent (0-50), chosen per member by a hash of campaign and member. */
  holdoutPercent: number;
  /**
   * A/B test: 2-5 reward variants. The audience minus the holdout is split across them by a hash
   * of campaign and member; each member gets their variant's reward and `reward` is only the
   * campaign's headline. Absent: everyone outside the holdout gets `reward`.
   */
  variants?: CampaignVariant[];
}

export type CampaignStatus = 'active' | 'paused';

/**
 * Four-eyes review (docs/campaigns.md#approval): a campaign is created as a draft, submitted by
 * one admin and approved by another; any edit returns it to draft. Only an approved campaign runs.
 */
export type ApprovalState = 'draft' | 'submitted' | 'approved';

export interface CampaignApproval {
  state: ApprovalState;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
}

/** Where a campaign stands for the console: the approval state until approved, then schedule and pause switch. */
export type CampaignPhase = 'draft' | 'submitted' | 'scheduled' | 'running' | 'paused' | 'ended';

export interface CampaignView extends CampaignDefinition {
  campaignId: string;
  status: CampaignStatus;
  approval: CampaignApproval;
  /** As of the call's time. */
  phase: CampaignPhase;
  spent: { grants: number; points: number };
  activeRunId: string | null;
  runs: number;
  createdAt: string;
  updatedAt: string;
}

export type RunStatus = 'running' | 'done' | 'budget_exhausted' | 'ended';

export interface SkipCounts {
  notEligible: number;
  capped: number;
  alreadyGranted: number;
  budgetExhausted: number;
  inactive: number;
}

export interface RunReport {
  runId: string;
  campaignId: string;
  /** Preview runs grant nothing. */
  dryRun: boolean;
  status: RunStatus;
  /** True while the run has members left to visit; a timer (or `continue`) picks it up. */
  partial: boolean;
  /** Set when the campaign is paused (or its approval was withdrawn by an edit): the run waits. */
  waiting: 'paused' | 'unapproved' | 'busy' | null;
  /** For a progress bar: members visited so far of the members the audience query selects (counted at the call). */
  progress: RunProgress;
  scanned: number;
  eligible: number;
  holdout: number;
  /** Grants written by this run (counted from the grant documents, so exact after a crash). */
  granted: number;
  pointsGranted: number;
  /** Preview: points the grants would cost (multipliers: extra points expected from recent spend). */
  estimatedPoints: number;
  byTier: Record<string, number>;
  byStage: Record<string, number>;
  skipped: SkipCounts;
  startedAt: string;
  finishedAt: string | null;
}

export interface RunProgress {
  processed: number;
  total: number;
  /** 0-100, whole percent; 100 once the run has finished, whatever the counts. */
  percent: number;
}

/** One campaign on the console's calendar: its schedule clipped to nothing, phase as of the call. */
export interface CalendarEntry {
  campaignId: string;
  name: string;
  phase: CampaignPhase;
  startAt: string;
  endAt: string;
}

export interface SegmentSettings {
  /** Joined within this many days: 'new'. */
  newWithinDays: number;
  /** No purchase for this many days: 'declining'. */
  decliningAfterDays: number;
  /** No purchase for this many days: 'dormant'. */
  dormantAfterDays: number;
  /** No purchase for this many days: 'churned'. */
  churnedAfterDays: number;
  /** Recent buyers with at least this many orders are 'mature', others 'growing'. */
  matureMinOrders: number;
}

export interface OfferView {
  campaignId: string;
  name: string;
  description: string;
  reward: CampaignReward;
  endsAt: string;
  /** Why this member qualifies, in Chinese, from the audience rule. */
  reason: string;
  /** The member already received this campaign's reward and cannot again yet. */
  granted: boolean;
}

export interface CampaignKpi {
  campaignId: string;
  name: string;
  /** Members granted in the range. */
  reach: number;
  holdout: number;
  /** Granted members who purchased after their grant and before the range ends. */
  redemptions: number;
  holdoutConverted: number;
  conversionRate: number | null;
  holdoutConversionRate: number | null;
  /** Conversion rate minus the holdout's, in percentage points; null without a holdout. */
  upliftPoints: number | null;
  pointsGranted: number;
  /** Granted vs holdout conversion: two-proportion z-test (null when either group is empty). */
  significance: ZTestResult | null;
  /** A/B campaigns: each variant against the holdout; empty for a single-reward campaign. */
  variants: VariantKpi[];
}

export interface ZTestResult {
  z: number;
  /** Two-sided. */
  pValue: number;
  /** pValue < 0.05. */
  significant: boolean;
}

export interface VariantKpi {
  code: string;
  reach: number;
  converted: number;
  conversionRate: number | null;
  /** This variant's conversion rate minus the holdout's, in percentage points. */
  upliftPoints: number | null;
  pointsGranted: number;
  significance: ZTestResult | null;
}

export interface KpiReport {
  range: { from: string; to: string };
  members: { total: number; new: number; active: number };
  /** Of the members who bought in the range, the share who bought at least twice. */
  repurchaseRate: number | null;
  tiers: { distribution: Record<string, number>; movements: Array<{ from: string | null; to: string; reason: string; count: number }> };
  points: { issued: number; redeemed: number; expired: number; reversed: number; outstandingLiability: number };
  campaigns: CampaignKpi[];
  growth: GrowthKpis;
  /** How figures are defined where a definition is a choice. */
  notes: string[];
}

/** Coupons, group-buy and referrals for the range (rates are null when there is nothing to divide). */
export interface GrowthKpis {
  /** Coupons issued in the range (claims, exchanges, group-buy, referral and campaign grants); `redeemed` of those. */
  coupons: { issued: number; issuedBySource: Record<string, number>; redeemed: number; redemptionRate: number | null };
  /** Groups started in the range; the success rate counts ended groups only. */
  groupBuy: { started: number; succeeded: number; failed: number; open: number; successRate: number | null };
  /** Members attributed to an inviter in the range, and how many made a qualifying purchase. */
  referrals: { attributed: number; converted: number; conversionRate: number | null };
}

type Id = { campaignId: string };

export interface CampaignApi {
  /** Shopper: campaigns this member is eligible for right now, with the reason. */
  offers: { request: Record<string, never>; response: { offers: OfferView[] } };
  create: { request: Id & CampaignDefinition; response: CampaignView };
  update: { request: Id & Partial<CampaignDefinition>; response: CampaignView };
  pause: { request: Id; response: CampaignView };
  resume: { request: Id; response: CampaignView };
  get: { request: Id; response: CampaignView };
  list: { request: Record<string, never>; response: { campaigns: CampaignView[] } };
  /** Dry run over the whole base: audience size by tier and stage, estimated cost; grants nothing. */
  preview: { request: Id & { maxMembers?: number }; response: RunReport };
  /** Starts a run (or continues the campaign's unfinished one) and grants until time or `maxMembers` runs out. */
  trigger: { request: Id & { maxMembers?: number }; response: RunReport };
  /** Continues one run, or every unfinished run when no runId is given. */
  continue: { request: { runId?: string; maxMembers?: number }; response: { runs: RunReport[] } };
  /** Submits a draft for review (four-eyes); the submitter is the calling admin. */
  submit: { request: Id; response: CampaignView };
  /** Approves a submitted campaign; refused (SAME_APPROVER) when the caller submitted it. */
  approve: { request: Id; response: CampaignView };
  /** Sends a submitted campaign back to draft (the reviewer declines it). */
  reject: { request: Id & { reason: string }; response: CampaignView };
  /** A run's progress by run id, or the campaign's latest real run by campaign id. */
  progress: { request: { runId: string } | Id; response: RunReport };
  /** Campaigns whose schedule overlaps a month (YYYY-MM, China time), by start. */
  calendar: { request: { month: string }; response: { month: string; campaigns: CalendarEntry[] } };
  report: { request: { from: string; to: string }; response: KpiReport };
  /** The console dashboard for a range of business days (YYYY-MM-DD, China time, at most 366 days). */
  dashboard: { request: { from: string; to: string }; response: Dashboard };
  getSegmentSettings: { request: Record<string, never>; response: SegmentSettings };
  setSegmentSettings: { request: Partial<SegmentSettings>; response: SegmentSettings };
  setMemberTags: { request: { memberId: string; tags: string[] }; response: { memberId: string; tags: string[] } };
  /** Timer (every 10 min): one segment recompute per day, resumed from its cursor. */
  recomputeSegments: { request: { maxMembers?: number }; response: SegmentJobReport };
  /** The timer trigger (every minute): runs what campaign/schedule.ts makes due. */
  dispatch: { request: Record<string, never>; response: DispatchReport };
  /** Continues unfinished runs (the dispatcher runs it every minute). */
  continueRuns: { request: Record<string, never>; response: { runs: RunReport[] } };
}

export interface SegmentJobReport {
  runId: string;
  scanned: number;
  totalScanned: number;
  partial: boolean;
  alreadyFinished: boolean;
  cuts: { r: number[]; f: number[]; m: number[] };
}
