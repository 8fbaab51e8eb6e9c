// Subscription messages and the inbox through the real functions: events raised by real flows
// (a purchase that upgrades the tier, the points-expiry reminder job), sent by the jobs function's
// sendNotifications through node-sdk callWxOpenApi to the emulator's subscribeMessage.send, which
// keeps WeChat's one-time quota (one message per acceptance) and its outbox.
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { NotificationDoc, NotifyPrefsDoc } from '../../cloudfunctions/shared/data/documents';
import { notify } from '../../cloudfunctions/shared/domain/notifications/notice';
import { DEMO_NOTIFICATION_SETTINGS } from '../../local/seed/notifications';
import type { NotificationSettings } from '../../typings/api/notify';
import { find, getById } from '../support/inspect';
import { joinMember, memberDoc, openStore, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';
import { outboxFor, tapSubscribe, templateOf } from '../support/subscriptions';

let world: LoyaltyWorld;
let cashier: Actor;
let orders = 0;
beforeAll(async () => {
  world = await startWorld('2026-03-10T10:00:00+08:00');
  cashier = await openStore(world);
  await configure({});
});
afterAll(() => world.close());

async function configure(overrides: Partial<NotificationSettings>): Promise<void> {
  await world.console.call('notify', 'configure', { settings: { ...DEMO_NOTIFICATION_SETTINGS, ...overrides } });
}

/** A purchase big enough to lift a new member from 青铜 to 白银 (1,000 growth). */
async function upgrade(member: Actor, orderNo = `N-${++orders}`): Promise<string> {
  await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, member), orderNo, amountFen: 100_000 });
  return orderNo;
}

const sendNow = async () => (await world.console.call('jobs', 'sendNotifications', {})) as { changed: number; partial: boolean; details?: Record<string, number | string> };

async function noticesOf(openid: string): Promise<NotificationDoc[]> {
  return find<NotificationDoc>(COLLECTIONS.notifications, { memberId: (await memberDoc(openid))._id });
}

describe('subscription messages', () => {
  it('a tier-up raises one inbox entry and, after the member accepted, one message in WeChat’s request shape', async () => {
    const alice = await joinMember(world, 'n_alice');
    await tapSubscribe(world, 'n_alice', ['tierUp']);
    expect((await alice.call('notify', 'subscriptions', {})).kinds).toContainEqual({ kind: 'tierUp', templateId: templateOf('tierUp'), remaining: 1, optedOut: false });
    await upgrade(alice);

    const { items, unread } = await alice.call('notify', 'inbox', {});
    expect(items).toEqual([expect.objectContaining({ type: 'tierUp', title: '会员升级', read: false, page: 'pages/card/index' })]);
    expect(unread).toBe(1);

    expect((await sendNow()).changed).toBe(1);
    expect(outboxFor(world, 'n_alice')).toEqual([
      expect.objectContaining({ touser: 'n_alice', template_id: templateOf('tierUp'), page: 'pages/card/index', miniprogram_state: 'developer', lang: 'zh_CN', data: { thing1: { value: '白银' }, date2: { value: '2026年03月10日' }, thing3: { value: '新等级权益已生效' } } }),
    ]);
    // Sent once: a second run finds nothing due, the acceptance is used up on both sides.
    expect((await sendNow()).changed).toBe(0);
    expect(outboxFor(world, 'n_alice')).toHaveLength(1);
    expect(world.emu.emulator.subscribeMessages.quotaOf('n_alice', templateOf('tierUp'))).toBe(0);
    expect((await alice.call('notify', 'subscriptions', {})).kinds.find((k) => k.kind === 'tierUp')?.remaining).toBe(0);

    expect(await alice.call('notify', 'markRead', { ids: [items[0].id] })).toEqual({ unread: 0 });
  });

  it('without an acceptance nothing is sent, but the inbox still has the entry', async () => {
    const bob = await joinMember(world, 'n_bob');
    await upgrade(bob);
    await sendNow();
    expect(outboxFor(world, 'n_bob')).toEqual([]);
    expect(await noticesOf('n_bob')).toEqual([expect.objectContaining({ type: 'tierUp', delivery: 'no_quota', errcode: null })]);
    expect((await bob.call('notify', 'inbox', {})).unread).toBe(1);
  });

  it('WeChat’s 43101 (no acceptance on the platform’s side) ends the message without retry and zeroes the kind', async () => {
    const carol = await joinMember(world, 'n_carol');
    await tapSubscribe(world, 'n_carol', ['tierUp'], { platform: false });
    await upgrade(carol);
    await sendNow();
    expect(await noticesOf('n_carol')).toEqual([expect.objectContaining({ delivery: 'no_quota', errcode: 43101, dueAt: null })]);
    expect((await getById<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, (await memberDoc('n_carol'))._id))?.remaining.tierUp).toBe(0);
    world.clock.advance(3_600_000);
    await sendNow();
    expect((await noticesOf('n_carol'))[0].attempts).toBe(1);
    world.clock.set('2026-03-10T10:00:00+08:00');
  });

  it('an opted-out kind is not sent and keeps its acceptance', async () => {
    const dan = await joinMember(world, 'n_dan');
    await tapSubscribe(world, 'n_dan', ['tierUp']);
    const { kinds } = await dan.call('notify', 'setOptOut', { kind: 'tierUp', optedOut: true });
    expect(kinds.find((k) => k.kind === 'tierUp')).toMatchObject({ optedOut: true, remaining: 1 });
    await upgrade(dan);
    await sendNow();
    expect(outboxFor(world, 'n_dan')).toEqual([]);
    expect((await noticesOf('n_dan'))[0].delivery).toBe('opted_out');
    expect(world.emu.emulator.subscribeMessages.quotaOf('n_dan', templateOf('tierUp'))).toBe(1);
  });

  it('quiet hours (21:00–09:00 China time) hold messages until the morning, on the injectable clock', async () => {
    world.clock.set('2026-03-10T22:30:00+08:00');
    const erin = await joinMember(world, 'n_erin');
    await tapSubscribe(world, 'n_erin', ['tierUp']);
    await upgrade(erin);
    const night = await sendNow();
    expect(night.details?.quietUntil).toBe(new Date('2026-03-11T09:00:00+08:00').toISOString());
    expect(outboxFor(world, 'n_erin')).toEqual([]);
    world.clock.set('2026-03-11T08:59:00+08:00');
    await sendNow();
    expect(outboxFor(world, 'n_erin')).toEqual([]);
    expect((await noticesOf('n_erin'))[0].delivery).toBe('queued');
    world.clock.set('2026-03-11T09:00:00+08:00');
    await sendNow();
    expect(outboxFor(world, 'n_erin')).toHaveLength(1);
    world.clock.set('2026-03-10T10:00:00+08:00');
  });

  it('template data that breaks WeChat’s field rules is refused before sending: no call, no quota spent', async () => {
    await configure({ templates: DEMO_NOTIFICATION_SETTINGS.templates.map((t) => (t.kind === 'tierUp' ? { ...t, fields: { ...t.fields, thing3: '恭喜升级，新等级的全部会员权益已经即时生效啦' } } : t)) });
    const fay = await joinMember(world, 'n_fay');
    await tapSubscribe(world, 'n_fay', ['tierUp']);
    await upgrade(fay);
    await sendNow();
    await configure({});
    expect(await noticesOf('n_fay')).toEqual([expect.objectContaining({ delivery: 'refused', errcode: null })]);
    expect(outboxFor(world, 'n_fay')).toEqual([]);
    expect(world.emu.emulator.subscribeMessages.quotaOf('n_fay', templateOf('tierUp'))).toBe(1);
    expect((await getById<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, (await memberDoc('n_fay'))._id))?.remaining.tierUp).toBe(1);
  });

  it('a rate limit (45009) keeps the message queued and gives the quota back; it goes out on a later run', async () => {
    const gus = await joinMember(world, 'n_gus');
    await tapSubscribe(world, 'n_gus', ['tierUp']);
    await upgrade(gus);
    const state = world.emu.emulator.subscribeMessages;
    state.dailyLimit = 0;
    try {
      await sendNow();
    } finally {
      state.dailyLimit = 10_000_000;
    }
    const [held] = await noticesOf('n_gus');
    expect(held).toMatchObject({ delivery: 'queued', errcode: 45009, attempts: 1 });
    expect((await getById<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, held.memberId))?.remaining.tierUp).toBe(1);
    await sendNow();
    expect(outboxFor(world, 'n_gus')).toEqual([]); // not due yet
    world.clock.advance(31 * 60_000);
    await sendNow();
    expect(outboxFor(world, 'n_gus')).toHaveLength(1);
    expect((await noticesOf('n_gus'))[0]).toMatchObject({ delivery: 'sent', errcode: 0, attempts: 2 });
    world.clock.set('2026-03-10T10:00:00+08:00');
  });

  it('per-day caps: the second message of the day is capped (still in the inbox)', async () => {
    await configure({ caps: { perDay: 1, perWeek: 5 } });
    await joinMember(world, 'n_hal');
    await tapSubscribe(world, 'n_hal', ['campaignReward']);
    await tapSubscribe(world, 'n_hal', ['campaignReward']);
    const memberId = (await memberDoc('n_hal'))._id;
    // Two rewards the same day, raised as the producers raise them.
    for (const run of ['run-cap-1', 'run-cap-2']) await notify({ type: 'campaignReward', memberId, eventKey: run, values: { campaign: '春季回馈', reward: '100积分', on: '2026年03月10日' } }, world.clock.now());
    await sendNow();
    await configure({});
    expect(outboxFor(world, 'n_hal')).toHaveLength(1);
    expect((await noticesOf('n_hal')).map((n) => n.delivery).sort()).toEqual(['capped', 'sent']);
    expect((await world.shopper('n_hal').call('notify', 'inbox', {})).items).toHaveLength(2);
    expect((await getById<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, memberId))?.remaining.campaignReward).toBe(1);
  });

  it('one message per event under retries and concurrent jobs', async () => {
    const ivy = await joinMember(world, 'n_ivy');
    for (let tap = 0; tap < 3; tap += 1) await tapSubscribe(world, 'n_ivy', ['tierUp']); // three taps, three acceptances
    const orderNo = await upgrade(ivy);
    // The till retries the same purchase: one event, one notification.
    await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, ivy), orderNo, amountFen: 100_000 });
    const memberId = (await memberDoc('n_ivy'))._id;
    // A producer raising the same event again is a no-op.
    expect(await notify({ type: 'tierUp', memberId, eventKey: orderNo, values: { tier: '白银', on: '2026年03月10日' } }, world.clock.now())).toBe(false);
    const runs = await Promise.all(Array.from({ length: 6 }, () => sendNow()));
    expect(runs.reduce((sum, r) => sum + r.changed, 0)).toBe(1);
    expect(outboxFor(world, 'n_ivy')).toHaveLength(1);
    expect(await noticesOf('n_ivy')).toHaveLength(1);
    expect((await getById<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, memberId))?.remaining.tierUp).toBe(2);
  });

  it('the KPI report counts sent / refused / no quota per type and opens within 7 days', async () => {
    await world.shopper('n_alice').call('member', 'card', {});
    const report = await world.console.call('notify', 'report', { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' });
    const tierUp = report.rows.find((r) => r.type === 'tierUp');
    expect(report.complete).toBe(true);
    expect(tierUp).toMatchObject({ sent: 4, refused: 1, noQuota: 2, optedOut: 1 });
    expect(tierUp?.openedWithin7Days).toBeGreaterThanOrEqual(1);
    expect(tierUp?.openRate).toBeCloseTo((tierUp?.openedWithin7Days ?? 0) / 4, 3);
  });
});

describe('notification actions refuse what they must', () => {
  it('configure is admin-only and validates the settings', async () => {
    const res = await world.shopper('n_alice').raw('notify', 'configure', { settings: DEMO_NOTIFICATION_SETTINGS });
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const bad = await world.console.raw('notify', 'configure', { settings: { ...DEMO_NOTIFICATION_SETTINGS, caps: { perDay: 5, perWeek: 1 } } });
    expect(bad).toMatchObject({ ok: false, code: 'CONFIG_INVALID' });
    const dup = await world.console.raw('notify', 'configure', { settings: { ...DEMO_NOTIFICATION_SETTINGS, templates: [...DEMO_NOTIFICATION_SETTINGS.templates, DEMO_NOTIFICATION_SETTINGS.templates[0]] } });
    expect(dup).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('markRead only touches the caller’s own entries', async () => {
    const alice = world.shopper('n_alice');
    const bobEntry = (await noticesOf('n_bob'))[0];
    await alice.call('notify', 'markRead', { ids: [bobEntry._id] });
    expect((await getById<NotificationDoc>(COLLECTIONS.notifications, bobEntry._id))?.readAt).toBeNull();
  });
});
