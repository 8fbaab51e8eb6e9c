// Every event the product notifies about, raised by its real flow (group-buy, campaign grant,
// birthday gift, the daily reminder jobs), lands once in the member's inbox; the daily reminder
// walk resumes across invocations (the 100,000-member figure is bench/notifications.ts).
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { MemberDoc, NotificationDoc } from '../../cloudfunctions/shared/data/documents';
import { remindPointsExpiring } from '../../cloudfunctions/shared/domain/notifications/reminders';
import { DEMO_NOTIFICATION_SETTINGS } from '../../local/seed/notifications';
import type { NotificationType } from '../../typings/api/notify';
import { count, find, insert } from '../support/inspect';
import { approveCampaign, joinMember, memberDoc, openStore, scan, startWorld, upsertCouponTemplate, type LoyaltyWorld } from '../support/loyalty';

let world: LoyaltyWorld;
beforeAll(async () => {
  world = await startWorld('2026-03-10T10:00:00+08:00');
  await world.console.call('notify', 'configure', { settings: DEMO_NOTIFICATION_SETTINGS });
});
afterAll(() => world.close());

async function typesOf(openid: string): Promise<NotificationType[]> {
  const { items } = await world.shopper(openid).call('notify', 'inbox', {});
  return items.map((i) => i.type).sort();
}

describe('events raise inbox entries', () => {
  it('group-buy: success for every member, failure for every member of an expired group', async () => {
    await upsertCouponTemplate(world, 'gb-voucher', { title: '拼团兑换券', benefit: { kind: 'gift', thresholdFen: 0, giftLabel: '拼团商品' }, stackable: false });
    await world.console.call('groupbuy', 'upsertDeal', {
      dealId: 'gb-n', productLabel: '招牌奶茶双杯', groupPriceFen: 1_990, originalPriceFen: 3_600, groupSize: 2, fillHours: 24,
      window: { from: '2026-03-01T00:00:00+08:00', until: '2026-04-01T00:00:00+08:00' }, groupStock: 10, entitlementTemplateId: 'gb-voucher', active: true,
    });
    const [a, b, c] = await Promise.all(['ev_gb_a', 'ev_gb_b', 'ev_gb_c'].map((o) => joinMember(world, o)));
    // Seats are paid purchases (docs/payments.md): the payer completes WeChat Pay for each.
    const pay = async (seat: { myPayment?: { outTradeNo: string } | null }) => world.emu.emulator.cloudPay.settle(seat.myPayment?.outTradeNo ?? '', 'succeed');
    const started = await a.call('groupbuy', 'start', { dealId: 'gb-n' });
    const { groupId } = started;
    await pay(started);
    await pay(await b.call('groupbuy', 'join', { groupId }));
    await c.call('groupbuy', 'start', { dealId: 'gb-n' });
    world.clock.advance(25 * 3_600_000);
    await world.console.call('groupbuy', 'expireGroups', {});
    await world.console.call('groupbuy', 'expireGroups', {});
    expect(await typesOf('ev_gb_a')).toEqual(['groupSucceeded']);
    expect(await typesOf('ev_gb_b')).toEqual(['groupSucceeded']);
    const { items } = await c.call('notify', 'inbox', {});
    expect(items).toEqual([expect.objectContaining({ type: 'groupFailed', title: '拼团未成功', body: expect.stringContaining('招牌奶茶双杯') })]);
    world.clock.set('2026-03-10T10:00:00+08:00');
  });

  it('campaign reward and birthday gift', async () => {
    const m = await joinMember(world, 'ev_reward');
    await m.call('member', 'updateProfile', { birthday: '1990-03-15' });
    await world.console.call('campaign', 'create', {
      campaignId: 'ev-spring', name: '春季回馈', description: '', audience: { all: [] }, reward: { kind: 'points', points: 100 }, budget: {},
      frequency: { kind: 'oncePerCampaign' }, schedule: { startAt: '2026-01-01T00:00:00+08:00', endAt: '2027-12-31T23:59:59+08:00' }, holdoutPercent: 0,
    });
    await approveCampaign(world, 'ev-spring');
    let run = await world.console.call('campaign', 'trigger', { campaignId: 'ev-spring' });
    while (run.partial) run = await world.console.call('campaign', 'trigger', { campaignId: 'ev-spring' });
    const cashier = await openStore(world);
    await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, m), orderNo: 'EV-1', amountFen: 100_000 }); // 白银: has a birthday gift
    await world.console.call('jobs', 'birthdayGifts', {});
    const { items } = await m.call('notify', 'inbox', {});
    expect(items.map((i) => i.type).sort()).toEqual(['birthdayGift', 'campaignReward', 'tierUp']);
    expect(items.find((i) => i.type === 'campaignReward')?.body).toBe('您参与的「春季回馈」奖励已发放：100积分。');
  });

  it('points and coupon reminders, once per event however often the job runs', async () => {
    const m = await joinMember(world, 'ev_remind');
    const memberId = (await memberDoc('ev_remind'))._id;
    await world.console.call('admin', 'adjustPoints', { memberId, delta: 80, reason: '测试积分', key: 'ev-remind-1' });
    await upsertCouponTemplate(world, 'ev-coupon', { title: '满50减5券', validity: { kind: 'relative', days: 2 }, visibility: 'public', totalStock: 100 });
    await m.call('coupon', 'claim', { templateId: 'ev-coupon' });
    expect(await world.console.call('jobs', 'remindCouponsExpiring', {})).toMatchObject({ changed: 1, partial: false });
    expect(await world.console.call('jobs', 'remindCouponsExpiring', {})).toMatchObject({ changed: 0 });

    const expiresAt = (await memberDoc('ev_remind')).nextExpiryAt as Date;
    world.clock.set(new Date(expiresAt.getTime() - 3 * 86_400_000));
    expect(await world.console.call('jobs', 'remindPointsExpiring', {})).toMatchObject({ partial: false });
    expect(await world.console.call('jobs', 'remindPointsExpiring', {})).toMatchObject({ changed: 0, details: { alreadyFinished: true } });
    world.clock.advance(86_400_000);
    await world.console.call('jobs', 'remindPointsExpiring', {});
    const { items } = await m.call('notify', 'inbox', {});
    expect(items.filter((i) => i.type === 'pointsExpiring')).toEqual([expect.objectContaining({ body: expect.stringContaining('80 积分') })]);
    expect(items.filter((i) => i.type === 'couponExpiring')).toEqual([expect.objectContaining({ body: expect.stringContaining('满50减5券') })]);
    world.clock.set('2026-03-10T10:00:00+08:00');
  });

  it('tier retention: a member short of the growth their tier needs is told what keeps it', async () => {
    const m = await joinMember(world, 'ev_retain');
    const cashier = await openStore(world);
    await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, m), orderNo: 'EV-R1', amountFen: 100_000 }); // 白银 (threshold 1,000)
    const reviewAt = (await memberDoc('ev_retain')).tierReviewAt as Date;
    // Growth leaves the 12-month window before the review: the reminder names what is missing.
    world.clock.set(new Date(reviewAt.getTime() - 7 * 86_400_000));
    await world.console.call('jobs', 'remindTierRetention', {});
    const { items } = await m.call('notify', 'inbox', {});
    // The purchase month has left the 12-month window by the review date: all 1,000 are missing.
    expect(items.filter((i) => i.type === 'tierRetention')).toEqual([expect.objectContaining({ body: expect.stringMatching(/^您的 白银 等级将于 \d{4}年\d{2}月\d{2}日 评定，再获1000成长值可保级。$/) })]);
    world.clock.set('2026-03-10T10:00:00+08:00');
  });
});

describe('the daily reminder walk is resumable', () => {
  it('covers every member exactly once across invocations cut short by their time budget', async () => {
    world.clock.set('2026-03-10T10:00:00+08:00');
    const template = await memberDoc('ev_remind');
    const expiresAt = new Date('2026-03-14T23:59:59+08:00');
    const N = 250;
    for (let i = 0; i < N; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_v, k) => {
          const id = `walk_${String(i + k).padStart(4, '0')}`;
          const doc: MemberDoc = { ...template, _id: id, openid: `o_${id}`, cardNo: `W${i + k}`, lots: [{ ...template.lots[0], id: `lot_${id}`, expiresAt, remaining: 10 }], nextExpiryAt: expiresAt };
          return insert(COLLECTIONS.members, doc);
        }),
      );
    }
    const byWalk = { type: 'pointsExpiring', memberId: { $regex: '^walk_' } };
    // Each invocation may read one page (200) before its budget says stop.
    const onePage = () => {
      let checks = 0;
      return () => (checks++ < 1 ? 1_000 : 0);
    };
    const now = world.clock.now();
    const reports = [];
    for (let i = 0; i < 5; i += 1) {
      const report = await remindPointsExpiring(now, onePage());
      reports.push(report);
      if (!report.partial) break;
    }
    expect(reports.map((r) => r.partial)).toEqual([true, false]);
    expect(reports.reduce((sum, r) => sum + r.changed, 0)).toBe(N);
    const raised = await find<NotificationDoc>(COLLECTIONS.notifications, { type: 'pointsExpiring', eventKey: '2026-03-14' }, { limit: 1000 });
    expect(new Set(raised.filter((n) => n.memberId.startsWith('walk_')).map((n) => n.memberId)).size).toBe(N);
    expect(await count(COLLECTIONS.notifications, byWalk)).toBe(N);
    expect(await remindPointsExpiring(now, () => 1_000)).toMatchObject({ changed: 0, details: { alreadyFinished: true } });
  });
});
