import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import { count } from '../support/inspect';
import { expectCode, joinMember, openStore, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

let world: LoyaltyWorld;
let cashier: Actor;
beforeAll(async () => {
  world = await startWorld('2026-03-10T10:00:00+08:00');
  cashier = await openStore(world);
});
afterAll(() => world.close());

async function buy(member: Actor, orderNo: string): Promise<void> {
  await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, member), orderNo, amountFen: 5_000 });
}

describe('feedback the member follows', () => {
  it('files feedback once per request key and shows the brand\'s status and reply', async () => {
    const member = await joinMember(world, 'o_fb_follow');
    const request = { category: 'service', text: '收银员态度很好，但排队太久', orderNo: 'FB-1', requestKey: 'fb-key-1' } as const;
    const filed = await member.call('feedback', 'submit', request);
    expect(filed).toMatchObject({ category: 'service', status: 'open', reply: null, orderNo: 'FB-1' });
    expect(await member.call('feedback', 'submit', request)).toEqual(filed);
    await expectCode(member.call('feedback', 'submit', { ...request, text: '另一条完全不同的反馈' }), 'KEY_CONFLICT');
    await world.console.call('feedback', 'setStatus', { feedbackId: filed.feedbackId, status: 'resolved', reply: '已加开收银台，感谢反馈' });
    const { items } = await member.call('feedback', 'mine', {});
    expect(items).toEqual([expect.objectContaining({ feedbackId: filed.feedbackId, status: 'resolved', reply: '已加开收银台，感谢反馈' })]);
    // Nobody else's feedback shows.
    const other = await joinMember(world, 'o_fb_other');
    expect((await other.call('feedback', 'mine', {})).items).toEqual([]);
  });

  it.each([
    ['an unknown category', { category: 'price', text: '太贵了太贵了', requestKey: 'k1' }],
    ['too short a text', { category: 'other', text: '差', requestKey: 'k2' }],
    ['too long a text', { category: 'other', text: '长'.repeat(501), requestKey: 'k3' }],
    ['a malformed order number', { category: 'other', text: '订单有问题啊', orderNo: 'no spaces', requestKey: 'k4' }],
    ['no request key', { category: 'other', text: '订单有问题啊' }],
    ['a photo field (not supported)', { category: 'other', text: '订单有问题啊', requestKey: 'k5', photo: 'cloud://x' }],
    ['a member id', { category: 'other', text: '订单有问题啊', requestKey: 'k6', memberId: 'someone' }],
  ])('refuses %s and stores nothing', async (_label, request) => {
    const member = await joinMember(world, 'o_fb_bad');
    const before = await count(COLLECTIONS.feedback, {});
    expect(await member.raw('feedback', 'submit', request)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await count(COLLECTIONS.feedback, {})).toBe(before);
  });

  it('lets only admins list and answer', async () => {
    const member = await joinMember(world, 'o_fb_admin');
    await expectCode(member.call('feedback', 'list', {}), 'FORBIDDEN');
    await expectCode(member.call('feedback', 'setStatus', { feedbackId: 'x', status: 'resolved' }), 'FORBIDDEN');
    await expectCode(world.console.call('feedback', 'setStatus', { feedbackId: 'missing', status: 'resolved' }), 'FEEDBACK_NOT_FOUND');
    await expectCode(world.shopper('o_fb_visitor').call('feedback', 'submit', { category: 'app', text: '打不开页面了', requestKey: 'v1' }), 'NOT_REGISTERED');
  });
});

describe('NPS after a purchase', () => {
  it('asks after a purchase, once per quarter, answered or dismissed', async () => {
    const member = await joinMember(world, 'o_nps_flow');
    expect(await member.call('feedback', 'npsPrompt', {})).toEqual({ due: false, period: '2026-Q1' });
    await buy(member, 'NPS-1');
    expect(await member.call('feedback', 'npsPrompt', {})).toEqual({ due: true, period: '2026-Q1' });
    expect(await member.call('feedback', 'answerNps', { score: 9 })).toEqual({ recorded: true, period: '2026-Q1' });
    expect(await member.call('feedback', 'answerNps', { score: 0 })).toEqual({ recorded: false, period: '2026-Q1' });
    expect((await member.call('feedback', 'npsPrompt', {})).due).toBe(false);
    await buy(member, 'NPS-2');
    expect((await member.call('feedback', 'npsPrompt', {})).due).toBe(false);
    // Next quarter, after another purchase, it asks again; dismissing counts as this period's turn.
    world.clock.set('2026-04-02T10:00:00+08:00');
    await buy(member, 'NPS-3');
    expect(await member.call('feedback', 'npsPrompt', {})).toEqual({ due: true, period: '2026-Q2' });
    await member.call('feedback', 'dismissNps', {});
    expect((await member.call('feedback', 'npsPrompt', {})).due).toBe(false);
  });

  it('does not ask about a purchase more than 14 days old', async () => {
    const member = await joinMember(world, 'o_nps_old');
    await buy(member, 'NPS-OLD');
    world.clock.advance(15 * 86_400_000);
    expect((await member.call('feedback', 'npsPrompt', {})).due).toBe(false);
  });

  it.each([[-1], [11], [7.5], ['9']])('refuses score %p', async (score) => {
    const member = await joinMember(world, 'o_nps_bad');
    expect(await member.raw('feedback', 'answerNps', { score })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe('satisfaction in the KPI report and the export', () => {
  it('reports NPS and complaints by category for the range', async () => {
    const world2 = world;
    world2.clock.set('2026-05-10T10:00:00+08:00');
    const scores = [10, 9, 8, 6, 3];
    for (const [i, score] of scores.entries()) {
      const member = await joinMember(world2, `o_kpi_nps_${i}`);
      await member.call('feedback', 'answerNps', { score });
      if (i < 2) await member.call('feedback', 'submit', { category: i === 0 ? 'store' : 'product', text: '门店太挤了需要改进', requestKey: `kpi-${i}` });
    }
    await world2.shopper('o_kpi_nps_4').call('feedback', 'dismissNps', {});
    const report = await world2.console.call('campaign', 'report', { from: '2026-05-01T00:00:00+08:00', to: '2026-05-31T23:59:59+08:00' });
    // 2 promoters, 1 passive, 2 detractors of 5 answers: (2 - 2) / 5 = 0.
    expect(report.satisfaction).toMatchObject({ nps: 0, responses: 5, promoters: 2, passives: 1, detractors: 2, complaintsByCategory: { store: 1, product: 1 } });
    expect(report.satisfaction.openFeedback).toBeGreaterThanOrEqual(2);
    const empty = await world2.console.call('campaign', 'report', { from: '2025-01-01T00:00:00+08:00', to: '2025-01-31T23:59:59+08:00' });
    expect(empty.satisfaction).toMatchObject({ nps: null, responses: 0, complaintsByCategory: {} });
  });

  it('exports the member\'s feedback and NPS answers', async () => {
    const member = await joinMember(world, 'o_fb_export');
    await member.call('feedback', 'submit', { category: 'points', text: '积分到账太慢了', requestKey: 'exp-1' });
    await member.call('feedback', 'answerNps', { score: 7, comment: '还行' });
    const data = await member.call('member', 'exportData', {});
    expect(data.feedback.items).toEqual([expect.objectContaining({ text: '积分到账太慢了', category: 'points' })]);
    expect(data.feedback.nps).toEqual([expect.objectContaining({ score: 7, comment: '还行' })]);
  });
});

describe('erasure', () => {
  it('removes the member\'s feedback and NPS answers with the account', async () => {
    const member = await joinMember(world, 'o_fb_erase');
    await member.call('feedback', 'submit', { category: 'app', text: '我要注销账号了', requestKey: 'erase-1' });
    await member.call('feedback', 'answerNps', { score: 2 });
    const { memberId } = await member.call('member', 'card', {});
    await member.call('member', 'deleteAccount', { confirm: 'DELETE' });
    expect(await count(COLLECTIONS.feedback, { memberId })).toBe(0);
    expect(await count(COLLECTIONS.npsResponses, { memberId })).toBe(0);
  });
});
