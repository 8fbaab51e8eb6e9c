import { DRAFT, phaseOf, review, type ReviewStep } from '../../cloudfunctions/shared/domain/campaigns/approval';
import type { ApprovalRecord } from '../../cloudfunctions/shared/data/documents';
import type { ApprovalState } from '../../typings/api';

const now = new Date('2026-05-01T10:00:00+08:00');
const record = (state: ApprovalState): ApprovalRecord =>
  state === 'draft' ? DRAFT : { state, submittedBy: 'admin:alice', submittedAt: now, approvedBy: state === 'approved' ? 'admin:bob' : null, approvedAt: state === 'approved' ? now : null };

/** from-state × step → the state after it by a second admin (bob), or the refusal code. */
const table: Array<[ApprovalState, ReviewStep, ApprovalState | 'CAMPAIGN_APPROVAL_STATE']> = [
  ['draft', 'submit', 'submitted'],
  ['draft', 'approve', 'CAMPAIGN_APPROVAL_STATE'],
  ['draft', 'reject', 'CAMPAIGN_APPROVAL_STATE'],
  ['draft', 'edit', 'draft'],
  ['submitted', 'submit', 'CAMPAIGN_APPROVAL_STATE'],
  ['submitted', 'approve', 'approved'],
  ['submitted', 'reject', 'draft'],
  ['submitted', 'edit', 'draft'],
  ['approved', 'submit', 'CAMPAIGN_APPROVAL_STATE'],
  ['approved', 'approve', 'CAMPAIGN_APPROVAL_STATE'],
  ['approved', 'reject', 'CAMPAIGN_APPROVAL_STATE'],
  ['approved', 'edit', 'draft'],
];

describe('campaign four-eyes review', () => {
  it.each(table)('%s + %s → %s', (from, step, expected) => {
    const act = () => review(record(from), step, 'admin:bob', now);
    if (expected === 'CAMPAIGN_APPROVAL_STATE') expect(act).toThrow(expect.objectContaining({ code: expected }));
    else expect(act().state).toBe(expected);
  });

  it('refuses the submitter as approver (SAME_APPROVER) and records both admins otherwise', () => {
    const submitted = review(DRAFT, 'submit', 'admin:alice', now);
    expect(submitted).toMatchObject({ state: 'submitted', submittedBy: 'admin:alice', approvedBy: null });
    expect(() => review(submitted, 'approve', 'admin:alice', now)).toThrow(expect.objectContaining({ code: 'SAME_APPROVER' }));
    expect(review(submitted, 'approve', 'admin:bob', now)).toMatchObject({ state: 'approved', submittedBy: 'admin:alice', approvedBy: 'admin:bob', approvedAt: now });
  });

  it('an edit clears who submitted and approved', () => {
    expect(review(record('approved'), 'edit', 'admin:carol', now)).toEqual(DRAFT);
  });

  it('phase: approval state until approved, then pause switch and schedule', () => {
    const schedule = { startAt: new Date('2026-05-10T00:00:00+08:00'), endAt: new Date('2026-05-20T00:00:00+08:00') };
    const at = (iso: string) => new Date(iso);
    expect(phaseOf({ ...schedule, status: 'active' }, now)).toBe('draft'); // stored before four-eyes
    expect(phaseOf({ ...schedule, status: 'active', approval: record('submitted') }, now)).toBe('submitted');
    const approved = { ...schedule, status: 'active' as const, approval: record('approved') };
    expect(phaseOf(approved, now)).toBe('scheduled');
    expect(phaseOf(approved, at('2026-05-12T00:00:00+08:00'))).toBe('running');
    expect(phaseOf({ ...approved, status: 'paused' }, at('2026-05-12T00:00:00+08:00'))).toBe('paused');
    expect(phaseOf(approved, at('2026-05-20T00:00:00+08:00'))).toBe('ended');
  });
});
