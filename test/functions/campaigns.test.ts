import type { CampaignDefinition, RunReport } from '../../typings/api';
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { CampaignGrantDoc, LedgerDoc, MemberDoc } from '../../cloudfunctions/shared/data/documents';
import { count, find, patch } from '../support/inspect';
import { inHoldout } from '../../cloudfunctions/shared/domain/campaigns/holdout';
import { expectCode, joinMember, memberDoc, openStore, POLICY, scan, startWorld, type Actor, type LoyaltyWorld, approveCampaign } from '../support/loyalty';

const DAY = 86_400_000;
let world: LoyaltyWorld;
let cashier: Actor;
const members: Record<string, Actor> = {};
let ids: string[] = [];

const BASE = 12;
const openidOf = (i: number) => `o_camp_${String(i).padStart(2, '0')}`;

function def(over: Partial<CampaignDefinition> = {}): CampaignDefinition {
  return {
    name: '测试活动',
    description: '',
    audience: { all: [] },
    reward: { kind: 'points', points: 100 },
    budget: {},
    frequency: { kind: 'oncePerCampaign' },
    schedule: { startAt: '2026-01-01T00:00:00+08:00', endAt: '2027-12-31T23:59:59+08:00' },
    holdoutPercent: 0,
    ...over,
  };
}

async function buy(member: Actor, orderNo: string, amountFen: number) {
  return cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, member), orderNo, amountFen });
}

async function grantsOf(runId: string): Promise<CampaignGrantDoc[]> {
  return find<CampaignGrantDoc>(COLLECTIONS.campaignGrants, { runId }, { limit: 1000 });
}

beforeAll(async () => {
  world = await startWorld('2026-03-10T10:00:00+08:00');
  cashier = await openStore(world);
  for (let i = 0; i < BASE; i += 1) {
    const shopper = world.shopper(openidOf(i));
    await shopper.call('member', 'register', { consentVersion: POLICY, ...(i < 3 ? { birthday: '1990-03-15' } : { birthday: '05-01' }) });
    members[openidOf(i)] = shopper;
  }
  ids = (await find<MemberDoc>(COLLECTIONS.members, {}, { orderBy: [['_id', 'asc']], limit: 100 })).map((m) => m._id);
});
afterAll(() => world.close());

describe('campaign definitions', () => {
  it('validates the audience rule on save with the path of the problem', async () => {
    const bad = await world.console.raw('campaign', 'create', { campaignId: 'bad', ...def(), audience: { all: [{ tiers: [] }] } });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect((bad as { message: string }).message).toContain('audience.all.0.tiers: list at least one tier');
    await expectCode(world.console.call('campaign', 'create', { campaignId: 'bad', ...def({ audience: { tiers: ['emerald'] } }) }), 'CAMPAIGN_RULE_INVALID');
    await expectCode(world.console.call('campaign', 'create', { campaignId: 'bad', ...def({ schedule: { startAt: '2026-05-01T00:00:00+08:00', endAt: '2026-04-01T00:00:00+08:00' } }) }), 'CAMPAIGN_RULE_INVALID');
    expect(await count(COLLECTIONS.campaigns, {})).toBe(0);
  });

  it('is an admin surface: a shopper is refused', async () => {
    await expectCode(members[openidOf(0)].call('campaign', 'create', { campaignId: 'x', ...def() }), 'FORBIDDEN');
    await expectCode(members[openidOf(0)].call('campaign', 'trigger', { campaignId: 'x' }), 'FORBIDDEN');
  });

  it('creates, updates, pauses and refuses a duplicate id; every change is audited', async () => {
    const created = await world.console.call('campaign', 'create', { campaignId: 'crud', ...def() });
    expect(created).toMatchObject({ campaignId: 'crud', status: 'active', approval: { state: 'draft' }, phase: 'draft', spent: { grants: 0, points: 0 }, runs: 0 });
    await approveCampaign(world, 'crud');
    await expectCode(world.console.call('campaign', 'create', { campaignId: 'crud', ...def() }), 'CAMPAIGN_EXISTS');
    expect(await world.console.call('campaign', 'pause', { campaignId: 'crud' })).toMatchObject({ status: 'paused', phase: 'paused' });
    await expectCode(world.console.call('campaign', 'trigger', { campaignId: 'crud' }), 'CAMPAIGN_NOT_RUNNABLE');
    // An edit of an approved campaign sends it back to draft: it cannot run until approved again.
    expect(await world.console.call('campaign', 'update', { campaignId: 'crud', name: '改名' })).toMatchObject({ name: '改名', reward: { kind: 'points', points: 100 }, approval: { state: 'draft', approvedBy: null } });
    await world.console.call('campaign', 'resume', { campaignId: 'crud' });
    await expectCode(world.console.call('campaign', 'trigger', { campaignId: 'crud' }), 'CAMPAIGN_NOT_APPROVED');
    const audits = await find<{ action: string }>(COLLECTIONS.audit, { 'detail.campaignId': 'crud' }, { limit: 10 });
    expect(audits.map((a) => a.action).sort()).toEqual(['campaign.approve', 'campaign.create', 'campaign.pause', 'campaign.resume', 'campaign.submit', 'campaign.update']);
  });
});

describe('preview and trigger', () => {
  const held = () => ids.filter((id) => inHoldout('welcome', id, 25));

  it('previews the audience by tier and stage with the cost, and grants nothing', async () => {
    await world.console.call('campaign', 'create', { campaignId: 'welcome', ...def({ holdoutPercent: 25 }) });
    await approveCampaign(world, 'welcome');
    const preview = await world.console.call('campaign', 'preview', { campaignId: 'welcome' });
    expect(preview).toMatchObject({ dryRun: true, status: 'done', partial: false, scanned: BASE, eligible: BASE, holdout: held().length, granted: 0 });
    expect(preview.estimatedPoints).toBe((BASE - held().length) * 100);
    expect(preview.byTier).toEqual({ bronze: BASE });
    expect(preview.byStage).toEqual({ new: BASE });
    expect(await count(COLLECTIONS.campaignGrants, {})).toBe(0);
    expect(await count(COLLECTIONS.ledger, { reason: 'campaign:welcome' })).toBe(0);
    expect((await world.console.call('campaign', 'get', { campaignId: 'welcome' })).spent).toEqual({ grants: 0, points: 0 });
  });

  it('resumes a run cut short and rewound (a crash before the checkpoint) without granting anyone twice', async () => {
    expect(held().length).toBeGreaterThan(0); // the holdout is exercised
    const first = await world.console.call('campaign', 'trigger', { campaignId: 'welcome', maxMembers: 5 });
    expect(first).toMatchObject({ runId: 'welcome-r1', status: 'running', partial: true, scanned: 5 });
    const grantedFirst = ids.slice(0, 5).filter((id) => !inHoldout('welcome', id, 25)).length;
    expect(first.granted).toBe(grantedFirst);
    // A second trigger while the run is unfinished continues it rather than starting another.
    const again = await world.console.call('campaign', 'trigger', { campaignId: 'welcome', maxMembers: 2 });
    expect(again).toMatchObject({ runId: 'welcome-r1', scanned: 7 });
    // Crash: the grants of the last page committed but the checkpoint was lost.
    await patch(COLLECTIONS.campaignRuns, 'welcome-r1', { cursor: ids[1], scanned: 2, eligible: 2, holdout: ids.slice(0, 2).filter((id) => inHoldout('welcome', id, 25)).length });
    const resumed = (await world.emu.asConsole('campaign', { action: 'continueRuns' })) as { ok: true; data: { runs: RunReport[] } };
    expect(resumed.ok).toBe(true);
    const run = resumed.data.runs.find((r) => r.runId === 'welcome-r1') as RunReport;
    expect(run).toMatchObject({ status: 'done', partial: false, scanned: BASE, eligible: BASE, holdout: held().length, granted: BASE - held().length, pointsGranted: (BASE - held().length) * 100 });
    expect(run.skipped.alreadyGranted).toBe(ids.slice(2, 7).filter((id) => !inHoldout('welcome', id, 25)).length);

    const grants = await grantsOf('welcome-r1');
    expect(new Set(grants.map((g) => g.memberId)).size).toBe(grants.length);
    expect(grants.filter((g) => g.outcome === 'granted').map((g) => g.memberId).sort()).toEqual(ids.filter((id) => !held().includes(id)));
    expect(grants.filter((g) => g.outcome === 'holdout').map((g) => g.memberId).sort()).toEqual(held());
    for (const id of ids) {
      const entries = await find<LedgerDoc>(COLLECTIONS.ledger, { memberId: id, reason: 'campaign:welcome' });
      const doc = (await find<MemberDoc>(COLLECTIONS.members, { _id: id }))[0];
      const expected = held().includes(id) ? 0 : 100;
      expect(entries.map((e) => e.delta)).toEqual(expected ? [100] : []);
      expect(doc.points).toMatchObject({ balance: expected, available: expected });
    }
    expect((await world.console.call('campaign', 'get', { campaignId: 'welcome' }))).toMatchObject({ activeRunId: null, spent: { grants: BASE - held().length, points: (BASE - held().length) * 100 } });
  });

  it('caps once per campaign: a second run grants nobody again', async () => {
    const second = await world.console.call('campaign', 'trigger', { campaignId: 'welcome' });
    expect(second).toMatchObject({ runId: 'welcome-r2', status: 'done', granted: 0 });
    expect(second.skipped.capped).toBe(BASE - held().length);
  });

  it('stops at the budget, across invocations, and a later run cannot exceed it', async () => {
    await world.console.call('campaign', 'create', { campaignId: 'budget', ...def({ reward: { kind: 'points', points: 100 }, budget: { maxGrants: 5, maxPoints: 400 } }) });
    await approveCampaign(world, 'budget');
    const part = await world.console.call('campaign', 'trigger', { campaignId: 'budget', maxMembers: 3 });
    expect(part).toMatchObject({ status: 'running', granted: 3 });
    const { runs } = await world.console.call('campaign', 'continue', { runId: part.runId });
    expect(runs[0]).toMatchObject({ status: 'budget_exhausted', granted: 4, pointsGranted: 400 });
    expect(runs[0].skipped.budgetExhausted).toBe(1);
    const more = await world.console.call('campaign', 'trigger', { campaignId: 'budget' });
    expect(more).toMatchObject({ status: 'budget_exhausted', granted: 0 });
    expect(await count(COLLECTIONS.campaignGrants, { campaignId: 'budget' })).toBe(4);
    expect((await world.console.call('campaign', 'get', { campaignId: 'budget' })).spent).toEqual({ grants: 4, points: 400 });
  });

  it('caps once per N days, targeting tagged members', async () => {
    await world.console.call('campaign', 'setMemberTags', { memberId: ids[0], tags: ['vip'] });
    await world.console.call('campaign', 'setMemberTags', { memberId: ids[1], tags: ['vip', 'b2b'] });
    await world.console.call('campaign', 'create', { campaignId: 'weekly', ...def({ audience: { tags: ['vip'] }, reward: { kind: 'points', points: 10 }, frequency: { kind: 'oncePerDays', days: 7 } }) });
    await approveCampaign(world, 'weekly');
    expect(await world.console.call('campaign', 'trigger', { campaignId: 'weekly' })).toMatchObject({ eligible: 2, granted: 2 });
    const sameWeek = await world.console.call('campaign', 'trigger', { campaignId: 'weekly' });
    // The audience query reads only the tagged members: the rest of the base is never visited.
    expect(sameWeek).toMatchObject({ scanned: 2, granted: 0, skipped: { capped: 2, notEligible: 0 } });
    world.clock.advance(7 * DAY);
    expect(await world.console.call('campaign', 'trigger', { campaignId: 'weekly' })).toMatchObject({ runId: 'weekly-r3', granted: 2 });
  });

  it('concurrent continuations of one run grant each member once and hold the budget', async () => {
    await world.console.call('campaign', 'create', { campaignId: 'racy', ...def({ reward: { kind: 'points', points: 5 }, budget: { maxGrants: 9 } }) });
    await approveCampaign(world, 'racy');
    const part = await world.console.call('campaign', 'trigger', { campaignId: 'racy', maxMembers: 1 });
    const results = await Promise.all([1, 2, 3].map(() => world.console.call('campaign', 'continue', { runId: part.runId })));
    // The lease lets one invocation walk; the others answer "busy" rather than walk the same members.
    expect(results.flatMap((r) => r.runs).filter((r) => r.waiting === 'busy').length).toBeGreaterThanOrEqual(1);
    await world.console.call('campaign', 'continue', { runId: part.runId });
    const grants = await grantsOf(part.runId);
    expect(grants).toHaveLength(9);
    expect(new Set(grants.map((g) => g.memberId)).size).toBe(9);
    expect((await world.console.call('campaign', 'progress', { runId: part.runId })).status).toBe('budget_exhausted');
  });

  it('pausing mid-run makes the run wait; resuming lets it finish', async () => {
    await world.console.call('campaign', 'create', { campaignId: 'pausable', ...def({ reward: { kind: 'points', points: 1 } }) });
    await approveCampaign(world, 'pausable');
    const part = await world.console.call('campaign', 'trigger', { campaignId: 'pausable', maxMembers: 4 });
    await world.console.call('campaign', 'pause', { campaignId: 'pausable' });
    const waiting = await world.console.call('campaign', 'continue', { runId: part.runId });
    expect(waiting.runs[0]).toMatchObject({ status: 'running', waiting: 'paused', granted: 4 });
    await world.console.call('campaign', 'resume', { campaignId: 'pausable' });
    expect((await world.console.call('campaign', 'continue', { runId: part.runId })).runs[0]).toMatchObject({ status: 'done', granted: BASE });
  });
});

describe('multiplier rewards at the till', () => {
  it('doubles points on purchases inside the multiplier window only', async () => {
    const tagged = (await find<MemberDoc>(COLLECTIONS.members, { _id: ids[0] }))[0];
    const shopper = members[tagged.openid as string];
    const before = await buy(shopper, 'MULT-0', 10_000);
    expect(before.pointsEarned).toBe(100);
    await world.console.call('campaign', 'create', { campaignId: 'double', ...def({ audience: { tags: ['vip'], match: 'all' }, reward: { kind: 'multiplier', permille: 2000, days: 3 } }) });
    await approveCampaign(world, 'double');
    expect(await world.console.call('campaign', 'trigger', { campaignId: 'double' })).toMatchObject({ granted: 2 });
    expect((await buy(shopper, 'MULT-1', 10_000)).pointsEarned).toBe(200);
    world.clock.advance(4 * DAY);
    expect((await buy(shopper, 'MULT-2', 10_000)).pointsEarned).toBe(100);
  });

  it('refuses a points budget on a multiplier campaign', async () => {
    await expectCode(world.console.call('campaign', 'create', { campaignId: 'bad_mult', ...def({ reward: { kind: 'multiplier', permille: 1500, days: 7 }, budget: { maxPoints: 10 } }) }), 'CAMPAIGN_RULE_INVALID');
  });
});

describe('shopper offers and segments', () => {
  it('shows birthday and win-back offers to the members they target, with the reason, and hides them from the holdout', async () => {
    world.clock.set('2026-03-20T10:00:00+08:00');
    await world.console.call('campaign', 'create', {
      campaignId: 'birthday',
      ...def({ name: '生日礼', audience: { birthdayInMonth: 'current' }, reward: { kind: 'points', points: 200 }, frequency: { kind: 'oncePerDays', days: 365 } }),
    });
    await approveCampaign(world, 'birthday');
    await world.console.call('campaign', 'create', {
      campaignId: 'winback',
      ...def({ name: '好久不见', audience: { any: [{ stages: ['dormant', 'churned'] }, { daysSinceLastPurchase: { min: 60 } }] }, reward: { kind: 'multiplier', permille: 3000, days: 14 }, holdoutPercent: 20 }),
    });
    await approveCampaign(world, 'winback');
    const birthdayOffers = (await members[openidOf(1)].call('campaign', 'offers', {})).offers;
    expect(birthdayOffers.find((o) => o.campaignId === 'birthday')).toMatchObject({ reason: '您本月生日', granted: false });
    expect((await members[openidOf(5)].call('campaign', 'offers', {})).offers.map((o) => o.campaignId)).not.toContain('birthday');

    // A buyer whose last purchase is 70 days old qualifies for the win-back (unless held out).
    world.clock.set('2026-01-09T10:00:00+08:00');
    const lapsed = await joinMember(world, 'o_camp_lapsed');
    await buy(lapsed, 'LAPSED-1', 5_000);
    world.clock.set('2026-03-20T10:00:00+08:00');
    const lapsedId = (await memberDoc('o_camp_lapsed'))._id;
    const winback = (await lapsed.call('campaign', 'offers', {})).offers.find((o) => o.campaignId === 'winback');
    if (inHoldout('winback', lapsedId, 20)) expect(winback).toBeUndefined();
    else expect(winback).toMatchObject({ reason: '您已70天未消费', reward: { kind: 'multiplier', permille: 3000 } });
    await expectCode(world.shopper('o_not_member').call('campaign', 'offers', {}), 'NOT_REGISTERED');
  });

  it('recomputes RFM and lifecycle once a day, resumably, and stores them on the member', async () => {
    const part = (await world.console.call('campaign', 'recomputeSegments', { maxMembers: 5 })) as { partial: boolean; scanned: number };
    expect(part).toMatchObject({ partial: true, scanned: 5 });
    const rest = (await world.emu.asConsole('campaign', { action: 'recomputeSegments' })) as { ok: true; data: { partial: boolean; totalScanned: number } };
    expect(rest.data).toMatchObject({ partial: false, totalScanned: await count(COLLECTIONS.members, { status: 'active' }) });
    const again = (await world.emu.asConsole('campaign', { action: 'recomputeSegments' })) as { data: { alreadyFinished: boolean } };
    expect(again.data.alreadyFinished).toBe(true);
    const all = await find<MemberDoc>(COLLECTIONS.members, {}, { limit: 100 });
    for (const m of all) expect(m.segment).toBeDefined();
    const top = all.reduce((a, b) => (b.stats.spentFen > a.stats.spentFen ? b : a));
    expect(top.segment).toMatchObject({ m: 5 });
    const lapsed = all.find((m) => m.openid === 'o_camp_lapsed') as MemberDoc;
    // Two buyers: the other bought this month, so the lapsed one ranks lower: ceil(5 × 1/2) = 3.
    expect(lapsed.segment).toMatchObject({ stage: 'declining', r: 3, f: 3 });
    expect(all.find((m) => m._id === ids[0])?.segment).toMatchObject({ r: 5, f: 5, m: 5 });
    const nonBuyer = all.find((m) => m.stats.orders === 0) as MemberDoc;
    expect(nonBuyer.segment).toMatchObject({ r: 1, f: 1, m: 1 });
    // RFM audiences work once segments exist.
    await world.console.call('campaign', 'create', { campaignId: 'big_spenders', ...def({ audience: { rfm: { m: { min: 5 } } } }) });
    await approveCampaign(world, 'big_spenders');
    const preview = await world.console.call('campaign', 'preview', { campaignId: 'big_spenders' });
    expect(preview.eligible).toBe(all.filter((m) => m.segment?.m === 5).length);
  });
});

describe('deleted members', () => {
  it('are passed over by a run, with or without an audience query, and never granted', async () => {
    await patch(COLLECTIONS.members, ids[0], { status: 'deleted' });
    const active = await count(COLLECTIONS.members, { status: 'active' });
    const audiences: Array<[string, CampaignDefinition['audience']]> = [['gone_all', { all: [] }], ['gone_bronze', { tiers: ['bronze'] }]];
    for (const [campaignId, audience] of audiences) {
      await world.console.call('campaign', 'create', { campaignId, ...def({ audience, reward: { kind: 'points', points: 1 } }) });
      await approveCampaign(world, campaignId);
      const run = await world.console.call('campaign', 'trigger', { campaignId });
      expect(active).toBeGreaterThan(0);
      expect(run).toMatchObject({ status: 'done', scanned: active, eligible: active, granted: active });
      expect(await count(COLLECTIONS.campaignGrants, { campaignId, memberId: ids[0] })).toBe(0);
    }
  });
});
