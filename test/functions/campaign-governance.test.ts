import type { CampaignDefinition } from '../../typings/api';
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { CampaignGrantDoc, MemberDoc } from '../../cloudfunctions/shared/data/documents';
import { inHoldout } from '../../cloudfunctions/shared/domain/campaigns/holdout';
import { variantIndex } from '../../cloudfunctions/shared/domain/campaigns/variants';
import { find } from '../support/inspect';
import { expectCode, joinMembers, openStore, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

/**
 * Campaign governance through main(event, context): four-eyes review with two listed admin
 * openids (alice, bob) and the console, the run's progress, the calendar, and A/B variants.
 */
let world: LoyaltyWorld;
let alice: Actor;
let bob: Actor;
let cashier: Actor;
let shoppers: Actor[];
const BASE = 16;

function def(over: Partial<CampaignDefinition> = {}): CampaignDefinition {
  return {
    name: '审批测试',
    description: '',
    audience: { all: [] },
    reward: { kind: 'points', points: 10 },
    budget: {},
    frequency: { kind: 'oncePerCampaign' },
    schedule: { startAt: '2026-03-01T00:00:00+08:00', endAt: '2026-04-30T23:59:59+08:00' },
    holdoutPercent: 0,
    ...over,
  };
}

beforeAll(async () => {
  world = await startWorld('2026-03-10T10:00:00+08:00');
  await world.console.call('admin', 'setAdmins', { openids: ['o_admin_alice', 'o_admin_bob'] });
  alice = world.shopper('o_admin_alice');
  bob = world.shopper('o_admin_bob');
  cashier = await openStore(world);
  shoppers = await joinMembers(world, BASE, (i) => `o_gov_${String(i).padStart(2, '0')}`);
});
afterAll(() => world.close());

describe('four-eyes', () => {
  it('draft → submitted → approved by another admin → running; the submitter cannot approve', async () => {
    const created = await alice.call('campaign', 'create', { campaignId: 'gov_a', ...def() });
    expect(created).toMatchObject({ approval: { state: 'draft', submittedBy: null }, phase: 'draft' });
    await expectCode(alice.call('campaign', 'trigger', { campaignId: 'gov_a' }), 'CAMPAIGN_NOT_APPROVED');
    await expectCode(bob.call('campaign', 'approve', { campaignId: 'gov_a' }), 'CAMPAIGN_APPROVAL_STATE');

    expect(await alice.call('campaign', 'submit', { campaignId: 'gov_a' })).toMatchObject({ approval: { state: 'submitted', submittedBy: 'admin:o_admin_alice' }, phase: 'submitted' });
    await expectCode(alice.call('campaign', 'trigger', { campaignId: 'gov_a' }), 'CAMPAIGN_NOT_APPROVED');
    await expectCode(alice.call('campaign', 'approve', { campaignId: 'gov_a' }), 'SAME_APPROVER');
    await expectCode(alice.call('campaign', 'submit', { campaignId: 'gov_a' }), 'CAMPAIGN_APPROVAL_STATE');

    const approved = await bob.call('campaign', 'approve', { campaignId: 'gov_a' });
    expect(approved).toMatchObject({ approval: { state: 'approved', submittedBy: 'admin:o_admin_alice', approvedBy: 'admin:o_admin_bob' }, phase: 'running' });
    const run = await alice.call('campaign', 'trigger', { campaignId: 'gov_a' });
    expect(run).toMatchObject({ status: 'done', granted: BASE, progress: { processed: BASE, total: BASE, percent: 100 } });

    const audits = await find<{ action: string; actor: { id: string } }>(COLLECTIONS.audit, { 'detail.campaignId': 'gov_a' }, { limit: 20 });
    expect(audits.filter((a) => a.action === 'campaign.submit' || a.action === 'campaign.approve').map((a) => `${a.action} ${a.actor.id}`).sort()).toEqual(['campaign.approve admin:o_admin_bob', 'campaign.submit admin:o_admin_alice']);
  });

  it('the console and a listed admin are two admins; the console cannot approve its own submission', async () => {
    await world.console.call('campaign', 'create', { campaignId: 'gov_b', ...def() });
    await world.console.call('campaign', 'submit', { campaignId: 'gov_b' });
    await expectCode(world.console.call('campaign', 'approve', { campaignId: 'gov_b' }), 'SAME_APPROVER');
    await expect(bob.call('campaign', 'approve', { campaignId: 'gov_b' })).resolves.toMatchObject({ approval: { state: 'approved' } });
  });

  it('an edit of an approved campaign returns it to draft and a started run waits until it is approved again', async () => {
    await alice.call('campaign', 'create', { campaignId: 'gov_c', ...def() });
    await alice.call('campaign', 'submit', { campaignId: 'gov_c' });
    await bob.call('campaign', 'approve', { campaignId: 'gov_c' });
    const part = await alice.call('campaign', 'trigger', { campaignId: 'gov_c', maxMembers: 5 });
    expect(part).toMatchObject({ partial: true, granted: 5, progress: { processed: 5, total: BASE, percent: 31 } });
    expect(await bob.call('campaign', 'update', { campaignId: 'gov_c', reward: { kind: 'points', points: 20 } })).toMatchObject({ approval: { state: 'draft' }, phase: 'draft' });
    await expectCode(alice.call('campaign', 'trigger', { campaignId: 'gov_c' }), 'CAMPAIGN_NOT_APPROVED');
    const [waiting] = (await world.console.call('campaign', 'continue', { runId: part.runId })).runs;
    expect(waiting).toMatchObject({ waiting: 'unapproved', granted: 5, partial: true });
    // Rejected on review, then resubmitted and approved: the run finishes with the new reward.
    await bob.call('campaign', 'submit', { campaignId: 'gov_c' });
    expect(await alice.call('campaign', 'reject', { campaignId: 'gov_c', reason: '奖励太高' })).toMatchObject({ approval: { state: 'draft' } });
    await bob.call('campaign', 'submit', { campaignId: 'gov_c' });
    await alice.call('campaign', 'approve', { campaignId: 'gov_c' });
    const done = await alice.call('campaign', 'trigger', { campaignId: 'gov_c' });
    expect(done).toMatchObject({ runId: part.runId, status: 'done', granted: BASE, pointsGranted: 5 * 10 + (BASE - 5) * 20 });
    expect(await world.console.call('campaign', 'progress', { campaignId: 'gov_c' })).toMatchObject({ runId: part.runId, progress: { percent: 100 } });
  });

  it('a draft is never offered to shoppers; preview works on a draft', async () => {
    await world.console.call('campaign', 'create', { campaignId: 'gov_d', ...def({ name: '草稿活动' }) });
    expect((await shoppers[0].call('campaign', 'offers', {})).offers.map((o) => o.campaignId)).not.toContain('gov_d');
    expect(await world.console.call('campaign', 'preview', { campaignId: 'gov_d' })).toMatchObject({ dryRun: true, eligible: BASE, granted: 0 });
  });

  it('bad input changes nothing', async () => {
    await expectCode(alice.call('campaign', 'submit', { campaignId: 'no_such' }), 'CAMPAIGN_NOT_FOUND');
    await expectCode(alice.raw('campaign', 'approve', {}).then((r) => (r.ok ? r : Promise.reject(r))), 'INVALID_INPUT');
    await expectCode(alice.raw('campaign', 'reject', { campaignId: 'gov_d', reason: '' }).then((r) => (r.ok ? r : Promise.reject(r))), 'INVALID_INPUT');
    await expectCode(alice.raw('campaign', 'calendar', { month: '2026-13' }).then((r) => (r.ok ? r : Promise.reject(r))), 'INVALID_INPUT');
    await expectCode(alice.call('campaign', 'progress', { campaignId: 'gov_d' }), 'CAMPAIGN_RUN_NOT_FOUND');
    await expectCode(shoppers[0].call('campaign', 'submit', { campaignId: 'gov_d' }), 'FORBIDDEN');
    expect(await world.console.call('campaign', 'get', { campaignId: 'gov_d' })).toMatchObject({ approval: { state: 'draft' } });
  });
});

describe('calendar', () => {
  it('lists the campaigns whose schedule overlaps a month (China time), by start', async () => {
    await world.console.call('campaign', 'create', { campaignId: 'cal_may', ...def({ schedule: { startAt: '2026-05-01T00:00:00+08:00', endAt: '2026-05-02T00:00:00+08:00' } }) });
    // Ends 2026-03-01 00:00 China time (still February 28 in UTC): not in March.
    await world.console.call('campaign', 'create', { campaignId: 'cal_feb', ...def({ schedule: { startAt: '2026-02-01T00:00:00+08:00', endAt: '2026-03-01T00:00:00+08:00' } }) });
    const april = await world.console.call('campaign', 'calendar', { month: '2026-04' });
    expect(april.campaigns.map((c) => c.campaignId).sort()).toEqual(['gov_a', 'gov_b', 'gov_c', 'gov_d']);
    const march = await world.console.call('campaign', 'calendar', { month: '2026-03' });
    expect(march.campaigns.map((c) => c.campaignId)).not.toContain('cal_feb');
    expect((await world.console.call('campaign', 'calendar', { month: '2026-05' })).campaigns).toEqual([
      { campaignId: 'cal_may', name: '审批测试', phase: 'draft', startAt: '2026-05-01T00:00:00+08:00', endAt: '2026-05-02T00:00:00+08:00' },
    ]);
    expect((await world.console.call('campaign', 'calendar', { month: '2026-02' })).campaigns.map((c) => c.campaignId)).toEqual(['cal_feb']);
  });
});

describe('A/B variants', () => {
  it('splits the audience minus the holdout by hash across the variants, and reports each against the holdout', async () => {
    const variants = [
      { code: 'A', reward: { kind: 'points' as const, points: 5 } },
      { code: 'B', reward: { kind: 'points' as const, points: 50 } },
    ];
    await expectCode(world.console.call('campaign', 'create', { campaignId: 'ab_bad', ...def({ variants: [variants[0], { ...variants[1], code: 'A' }] }) }), 'INVALID_INPUT');
    await world.console.call('campaign', 'create', { campaignId: 'ab', ...def({ variants, holdoutPercent: 25 }) });
    await alice.call('campaign', 'submit', { campaignId: 'ab' });
    await bob.call('campaign', 'approve', { campaignId: 'ab' });
    const run = await world.console.call('campaign', 'trigger', { campaignId: 'ab' });

    const members = await find<MemberDoc>(COLLECTIONS.members, {}, { limit: 100 });
    const held = members.filter((m) => inHoldout('ab', m._id, 25));
    const arms = variants.map((_, i) => members.filter((m) => !inHoldout('ab', m._id, 25) && variantIndex('ab', m._id, 2) === i));
    expect(run).toMatchObject({ holdout: held.length, granted: BASE - held.length, pointsGranted: arms[0].length * 5 + arms[1].length * 50 });
    const grants = await find<CampaignGrantDoc>(COLLECTIONS.campaignGrants, { runId: run.runId, outcome: 'granted' }, { limit: 100 });
    for (const [i, arm] of arms.entries()) {
      expect(grants.filter((g) => g.variant === variants[i].code).map((g) => g.memberId).sort()).toEqual(arm.map((m) => m._id).sort());
    }

    // Conversions: every member of arm B and the first held-out member buy after the grant.
    world.clock.set('2026-03-12T10:00:00+08:00');
    const byId = new Map(members.map((m) => [m._id, shoppers.find((_, i) => `o_gov_${String(i).padStart(2, '0')}` === m.openid)!]));
    let n = 0;
    for (const m of [...arms[1], ...held.slice(0, 1)]) {
      await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, byId.get(m._id)!), orderNo: `AB-${(n += 1)}`, amountFen: 1_000 });
    }
    const report = await world.console.call('campaign', 'report', { from: '2026-03-01', to: '2026-03-31' });
    const ab = report.campaigns.find((c) => c.campaignId === 'ab')!;
    const holdoutRate = held.length ? 1 / held.length : null;
    expect(ab).toMatchObject({ reach: BASE - held.length, holdout: held.length, holdoutConverted: held.length ? 1 : 0 });
    expect(ab.variants.map((v) => [v.code, v.reach, v.converted])).toEqual([
      ['A', arms[0].length, 0],
      ['B', arms[1].length, arms[1].length],
    ]);
    const b = ab.variants[1];
    expect(b.conversionRate).toBe(1);
    if (holdoutRate !== null) {
      expect(b.upliftPoints).toBeCloseTo((1 - holdoutRate) * 100, 1);
      expect(b.significance).not.toBeNull();
    }
  });
});
