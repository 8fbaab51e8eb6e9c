import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { TierHistoryDoc } from '../../cloudfunctions/shared/data/documents';
import { count, find } from '../support/inspect';
import { joinMember, memberDoc, openStore, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

const DAY = 24 * 3600_000;
let world: LoyaltyWorld;
let cashier: Actor;

beforeAll(async () => {
  world = await startWorld('2026-01-15T12:00:00+08:00');
  cashier = await openStore(world);
});
afterAll(() => world.close());

async function buy(member: Actor, orderNo: string, amountFen: number) {
  return cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, member), orderNo, amountFen });
}

describe('points jobs (timer triggers)', () => {
  it('settles pending points after the return window, idempotently', async () => {
    const shopper = await joinMember(world, 'o_settle');
    await buy(shopper, 'SET-1', 10_000);
    expect((await memberDoc('o_settle')).points).toMatchObject({ pending: 100, available: 0 });
    world.clock.advance(7 * DAY);
    const first = (await world.emu.asConsole('jobs', { action: 'settlePending' })) as { ok: boolean; data: { changed: number } };
    expect(first.ok).toBe(true);
    expect(first.data.changed).toBeGreaterThanOrEqual(1);
    expect((await memberDoc('o_settle')).points).toMatchObject({ pending: 0, available: 100, balance: 100 });
    const again = (await world.emu.asConsole('jobs', { action: 'settlePending' })) as { data: { changed: number } };
    expect(again.data.changed).toBe(0);
  });

  it('expires lots at the end of the 12th month after earning, once, and shows points expiring soon', async () => {
    const shopper = await joinMember(world, 'o_expire');
    await buy(shopper, 'EXP-1', 30_000); // earned in 2026-01 → expires 2027-01-31 23:59:59
    world.clock.set('2027-01-10T12:00:00+08:00');
    const card = await shopper.call('member', 'card', {});
    expect(card.points.expiringSoon).toMatchObject({ points: 300, withinDays: 30 });
    expect(card.points.expiringSoon.earliestAt?.slice(0, 10)).toBe('2027-01-31');
    world.clock.set('2027-02-01T00:00:01+08:00');
    await world.emu.asConsole('jobs', { action: 'expirePoints' });
    await world.emu.asConsole('jobs', { action: 'expirePoints' });
    const doc = await memberDoc('o_expire');
    expect(doc.points.balance).toBe(0);
    const expired = await find<{ delta: number }>(COLLECTIONS.ledger, { memberId: doc._id, type: 'expire' });
    expect(expired.map((e) => e.delta)).toEqual([-300]);
  });

  it('downgrades one tier per review only after the protection period, with history', async () => {
    world.clock.set('2027-03-01T10:00:00+08:00');
    const shopper = await joinMember(world, 'o_tier_review');
    const receipt = await buy(shopper, 'TIER-1', 1_600_000); // 16,000 growth → jade (翡翠)
    expect(receipt.tierChange?.to).toBe('jade');
    await world.emu.asConsole('jobs', { action: 'reviewTiers' });
    expect((await memberDoc('o_tier_review')).tier).toBe('jade');
    world.clock.set('2028-03-02T10:00:00+08:00'); // protection over, growth window empty
    await world.emu.asConsole('jobs', { action: 'reviewTiers' });
    expect((await memberDoc('o_tier_review')).tier).toBe('gold');
    await world.emu.asConsole('jobs', { action: 'reviewTiers' }); // same day again: no second step
    expect((await memberDoc('o_tier_review')).tier).toBe('gold');
    world.clock.advance(31 * DAY);
    await world.emu.asConsole('jobs', { action: 'reviewTiers' });
    expect((await memberDoc('o_tier_review')).tier).toBe('silver');
    const history = await find<TierHistoryDoc>(COLLECTIONS.tierHistory, { memberId: (await memberDoc('o_tier_review'))._id }, { orderBy: [['at', 'asc']] });
    expect(history.map((h) => `${h.reason}:${h.to}`)).toEqual(['join:bronze', 'upgrade:jade', 'downgrade:gold', 'downgrade:silver']);
  });

  it('runs the daily reconciliation once per day, resuming across invocations', async () => {
    const first = (await world.emu.asConsole('jobs', { action: 'reconcileDaily' })) as { data: { partial: boolean; changed: number; details: { totalScanned: number } } };
    expect(first.data).toMatchObject({ partial: false, changed: 0 });
    expect(first.data.details.totalScanned).toBe(await count(COLLECTIONS.members, {}));
    const second = (await world.emu.asConsole('jobs', { action: 'reconcileDaily' })) as { data: { details: { alreadyFinished: boolean } } };
    expect(second.data.details.alreadyFinished).toBe(true);
  });

  it('reports a corrupted balance with the member id', async () => {
    const doc = await memberDoc('o_settle');
    const { patch } = await import('../support/inspect');
    await patch(COLLECTIONS.members, doc._id, { 'points.balance': doc.points.balance + 7 });
    const report = await world.console.call('admin', 'reconcile', { batchSize: 2 });
    expect(report.discrepancies).toEqual(expect.arrayContaining([expect.objectContaining({ memberId: doc._id, problem: 'balance_vs_ledger', expected: doc.points.balance + 7, actual: doc.points.balance })]));
    expect(report.discrepancies.every((d) => d.memberId === doc._id)).toBe(true);
    await patch(COLLECTIONS.members, doc._id, { 'points.balance': doc.points.balance });
  });

  it('continues a reconciliation from its cursor when capped', async () => {
    const total = await count(COLLECTIONS.members, {});
    let cursor: string | undefined;
    let scanned = 0;
    for (let i = 0; i < 10; i += 1) {
      const page = await world.console.call('admin', 'reconcile', { maxMembers: 2, batchSize: 2, ...(cursor ? { cursor } : {}) });
      scanned += page.scanned;
      if (page.done) break;
      cursor = page.nextCursor ?? undefined;
    }
    expect(scanned).toBe(total);
  });
});

describe('ledger history', () => {
  it('pages newest first with a cursor, without gaps or repeats', async () => {
    world.clock.set('2028-06-01T10:00:00+08:00');
    const shopper = await joinMember(world, 'o_history');
    const session = await scan(cashier, shopper);
    for (let i = 0; i < 23; i += 1) {
      await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: `HIS-${i}`, amountFen: 1_000 + i * 100 });
      world.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await shopper.call('points', 'history', { limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.orderNo ?? ''));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `HIS-${22 - i}`));
    await expect(shopper.call('points', 'history', { cursor: 'garbage!' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(shopper.call('points', 'history', { limit: 500 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('marks earned points still in the return window with the day they become usable, as the card counts them', async () => {
    world.clock.set('2028-07-01T10:00:00+08:00');
    const shopper = await joinMember(world, 'o_history_pending');
    const session = await scan(cashier, shopper);
    await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'PEND-1', amountFen: 12_800 });
    const card = await shopper.call('member', 'card', {});
    const [earn] = (await shopper.call('points', 'history', {})).items;
    expect(card.points.pending).toBe(earn.delta);
    const { settings } = await world.console.call('admin', 'getSettings', {});
    expect(earn.pendingUntil).toBe(`2028-07-${String(1 + settings.pendingDays).padStart(2, '0')}T10:00:00+08:00`);
    world.clock.advance(settings.pendingDays * DAY + 1000);
    const [settled] = (await shopper.call('points', 'history', {})).items;
    expect(settled.pendingUntil).toBeNull();
  });
});
