import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { AuditDoc, LedgerDoc } from '../../cloudfunctions/shared/data/documents';
import type { PendingAdjustment } from '../../typings/api/console';
import { consoleAccount } from '../support/console-accounts';
import { find } from '../support/inspect';
import { expectCode, joinMember, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

/**
 * Four-eyes for manual point adjustments (docs/console-api.md, "Approvals"): a console admin's
 * adjustment above the threshold (settings.pointsApprovalThreshold, default 1000) files an
 * approval and changes nothing; a different owner/operator approves (applied once, however often
 * the decision is retried or raced) or rejects; the requester cannot decide their own request.
 */
let world: LoyaltyWorld;
let operator: Actor;
let owner: Actor;
let support: Actor;
let memberId: string;
let shopper: Actor;

beforeAll(async () => {
  world = await startWorld('2026-06-01T10:00:00+08:00');
  shopper = await joinMember(world, 'o_four_eyes');
  memberId = (await shopper.call('member', 'card', {})).memberId;
  operator = await consoleAccount(world, 'uid_fe_operator', 'operator');
  owner = await consoleAccount(world, 'uid_fe_owner', 'owner');
  support = await consoleAccount(world, 'uid_fe_support', 'support');
});
afterAll(() => world.close());

async function balance(): Promise<number> {
  const { points } = await shopper.call('member', 'card', {});
  return points.available + points.pending;
}

async function adjustEntries(key: string): Promise<LedgerDoc[]> {
  return find<LedgerDoc>(COLLECTIONS.ledger, { memberId, type: 'adjust', reason: key }, { limit: 100 });
}

describe('points adjustments above the threshold need a second admin', () => {
  it('at or below the threshold applies at once; above it files an approval and changes nothing', async () => {
    expect(await operator.call('admin', 'adjustPoints', { memberId, delta: 1000, reason: 'fe-small', key: 'fe-small' })).toMatchObject({ memberId, delta: 1000, balance: 1000 });
    const pending = (await operator.call('admin', 'adjustPoints', { memberId, delta: 1500, reason: 'fe-large', key: 'fe-large' })) as PendingAdjustment;
    expect(pending).toMatchObject({ pending: true, memberId, requested: 1500, threshold: 1000 });
    expect(await balance()).toBe(1000);
    expect(await adjustEntries('fe-large')).toHaveLength(0);
    // A retried request answers the same approval; the same key for another amount is a conflict.
    expect(await operator.call('admin', 'adjustPoints', { memberId, delta: 1500, reason: 'fe-large', key: 'fe-large' })).toEqual(pending);
    await expectCode(operator.call('admin', 'adjustPoints', { memberId, delta: 1600, reason: 'fe-large', key: 'fe-large' }), 'KEY_CONFLICT');
    const { items } = await support.call('admin', 'listApprovals', { status: 'pending' });
    expect(items).toEqual([expect.objectContaining({ id: pending.approvalId, kind: 'points.adjust', requestedBy: expect.objectContaining({ uid: 'uid_fe_operator', role: 'operator' }) })]);
  });

  it('the requester may not decide it; support may not decide at all', async () => {
    const [approval] = (await owner.call('admin', 'listApprovals', { status: 'pending' })).items;
    await expectCode(operator.call('admin', 'decideApproval', { approvalId: approval.id, decision: 'approve' }), 'SAME_APPROVER');
    await expectCode(support.call('admin', 'decideApproval', { approvalId: approval.id, decision: 'approve' }), 'ROLE_FORBIDDEN');
    await expectCode(owner.call('admin', 'decideApproval', { approvalId: 'approval_0000', decision: 'approve' }), 'APPROVAL_NOT_FOUND');
    expect(await balance()).toBe(1000);
  });

  it('approval applies exactly once under concurrent and repeated decisions', async () => {
    const [approval] = (await owner.call('admin', 'listApprovals', { status: 'pending' })).items;
    const results = await Promise.all(Array.from({ length: 6 }, () => owner.raw('admin', 'decideApproval', { approvalId: approval.id, decision: 'approve', note: '核实无误' })));
    for (const result of results) expect(result).toMatchObject({ ok: true, data: { approval: { status: 'approved', decidedBy: { uid: 'uid_fe_owner' } } } });
    expect(await owner.call('admin', 'decideApproval', { approvalId: approval.id, decision: 'approve' })).toMatchObject({ approval: { status: 'approved', result: { delta: 1500, balance: 2500 } } });
    expect(await balance()).toBe(2500);
    expect(await adjustEntries('fe-large')).toEqual([expect.objectContaining({ delta: 1500, actor: 'console:operator:uid_fe_operator' })]);
    await expectCode(owner.call('admin', 'decideApproval', { approvalId: approval.id, decision: 'reject' }), 'APPROVAL_DECIDED');
    // The request retried after approval answers what was applied.
    expect(await operator.call('admin', 'adjustPoints', { memberId, delta: 1500, reason: 'fe-large', key: 'fe-large' })).toMatchObject({ memberId, delta: 1500, balance: 2500 });
    const audit = await find<AuditDoc>(COLLECTIONS.audit, { memberId, action: 'admin.adjustPoints' }, { limit: 10 });
    expect(audit.find((a) => a.detail.key === 'fe-large')).toMatchObject({ actor: { uid: 'uid_fe_operator', role: 'operator' }, detail: { approvedBy: 'uid_fe_owner' } });
  });

  it('a rejection applies nothing; the threshold is a setting; the system applies directly', async () => {
    const pending = (await operator.call('admin', 'adjustPoints', { memberId, delta: -2000, reason: 'fe-debit', key: 'fe-debit' })) as PendingAdjustment;
    expect(await owner.call('admin', 'decideApproval', { approvalId: pending.approvalId, decision: 'reject', note: '理由不足' })).toMatchObject({ approval: { status: 'rejected', result: null } });
    expect(await balance()).toBe(2500);
    expect(await adjustEntries('fe-debit')).toHaveLength(0);

    await owner.call('admin', 'updateSettings', { settings: { pointsApprovalThreshold: 5000 } });
    expect(await operator.call('admin', 'adjustPoints', { memberId, delta: 3000, reason: 'fe-raised', key: 'fe-raised' })).toMatchObject({ balance: 5500 });
    await owner.call('admin', 'updateSettings', { settings: { pointsApprovalThreshold: 1000 } });
    expect(await world.console.call('admin', 'adjustPoints', { memberId, delta: 4000, reason: 'fe-system', key: 'fe-system' })).toMatchObject({ balance: 9500 });
    await expectCode(owner.call('admin', 'updateSettings', { settings: { pointsApprovalThreshold: -1 } }), 'INVALID_INPUT');
  });

  it('the same owner who approves may not approve their own request', async () => {
    const pending = (await owner.call('admin', 'adjustPoints', { memberId, delta: 1200, reason: 'fe-owner', key: 'fe-owner' })) as PendingAdjustment;
    await expectCode(owner.call('admin', 'decideApproval', { approvalId: pending.approvalId, decision: 'approve' }), 'SAME_APPROVER');
    expect(await operator.call('admin', 'decideApproval', { approvalId: pending.approvalId, decision: 'approve' })).toMatchObject({ approval: { status: 'approved' } });
    expect(await balance()).toBe(10_700);
  });
});
