import type { ApprovalState, CampaignApproval, CampaignPhase } from '../../../../typings/api';
import type { ApprovalRecord, CampaignDoc } from '../../data/documents';
import { AppError } from '../../platform/app-error';
import { toIso } from '../time/calendar';

/**
 * Four-eyes review of a campaign, as pure rules: draft → submitted → approved, the approver
 * someone other than the submitter; an edit at any state returns the campaign to draft, so what
 * runs is always what a second admin saw. The state machine is the table in docs/campaigns.md.
 */

export type ReviewStep = 'submit' | 'approve' | 'reject' | 'edit';

export const DRAFT: ApprovalRecord = { state: 'draft', submittedBy: null, submittedAt: null, approvedBy: null, approvedAt: null };

/** Campaigns stored before four-eyes existed carry no record: they are drafts until reviewed. */
export function approvalOf(doc: Pick<CampaignDoc, 'approval'>): ApprovalRecord {
  return doc.approval ?? DRAFT;
}

export function isApproved(doc: Pick<CampaignDoc, 'approval'>): boolean {
  return approvalOf(doc).state === 'approved';
}

const needs: Record<Exclude<ReviewStep, 'edit'>, ApprovalState> = { submit: 'draft', approve: 'submitted', reject: 'submitted' };

/** The record after `step` by `actor`, or the refusal. */
export function review(current: ApprovalRecord, step: ReviewStep, actor: string, now: Date): ApprovalRecord {
  if (step === 'edit') return DRAFT;
  if (current.state !== needs[step]) {
    throw new AppError('CAMPAIGN_APPROVAL_STATE', `cannot ${step} a campaign that is ${current.state} (it must be ${needs[step]})`);
  }
  if (step === 'submit') return { ...DRAFT, state: 'submitted', submittedBy: actor, submittedAt: now };
  if (step === 'reject') return DRAFT;
  if (current.submittedBy === actor) throw new AppError('SAME_APPROVER', `${actor} submitted this campaign; another admin must approve it`);
  return { ...current, state: 'approved', approvedBy: actor, approvedAt: now };
}

export function approvalView(record: ApprovalRecord): CampaignApproval {
  const iso = (d: Date | null) => (d ? toIso(new Date(d)) : null);
  return { state: record.state, submittedBy: record.submittedBy, submittedAt: iso(record.submittedAt), approvedBy: record.approvedBy, approvedAt: iso(record.approvedAt) };
}

/** The console's one-word status: approval until approved, then the pause switch and the schedule. */
export function phaseOf(doc: Pick<CampaignDoc, 'approval' | 'status' | 'startAt' | 'endAt'>, now: Date): CampaignPhase {
  const { state } = approvalOf(doc);
  if (state === 'draft' || state === 'submitted') return state;
  if (new Date(doc.endAt) <= now) return 'ended';
  if (doc.status === 'paused') return 'paused';
  return new Date(doc.startAt) > now ? 'scheduled' : 'running';
}
