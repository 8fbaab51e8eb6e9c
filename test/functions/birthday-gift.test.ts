import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import { find } from '../support/inspect';
import { joinMember, memberDoc, openStore, POLICY, scan, startWorld, type LoyaltyWorld } from '../support/loyalty';

let world: LoyaltyWorld;
beforeAll(async () => {
  world = await startWorld('2026-07-01T09:00:00+08:00');
});
afterAll(() => world.close());

type JobAnswer = { ok: boolean; data: { changed: number } };

describe('tier birthday gift (timer)', () => {
  it('grants the tier gift once per year in the birthday month, to members of tiers that have one', async () => {
    const cashier = await openStore(world);
    const gold = await joinMember(world, 'o_bday_gold');
    await gold.call('member', 'updateProfile', { birthday: '1990-07-15' });
    await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, gold), orderNo: 'BDAY-1', amountFen: 600_000 }); // 6,000 growth → 黄金
    const bronze = world.shopper('o_bday_bronze');
    await bronze.call('member', 'register', { consentVersion: POLICY, birthday: '07-02' });
    const august = world.shopper('o_bday_august');
    await august.call('member', 'register', { consentVersion: POLICY, birthday: '08-01' });

    const first = (await world.emu.asConsole('jobs', { action: 'birthdayGifts' })) as JobAnswer;
    expect(first).toMatchObject({ ok: true, data: { changed: 1 } });
    const goldDoc = await memberDoc('o_bday_gold');
    const gifts = await find<{ delta: number; reason: string; type: string }>(COLLECTIONS.ledger, { memberId: goldDoc._id, reason: 'birthday_gift' });
    expect(gifts).toEqual([expect.objectContaining({ type: 'adjust', delta: 300 })]);
    expect(goldDoc.points.available).toBe(300); // purchase points are still pending; the gift is spendable

    expect(((await world.emu.asConsole('jobs', { action: 'birthdayGifts' })) as JobAnswer).data.changed).toBe(0);
    expect((await memberDoc('o_bday_bronze')).points.balance).toBe(0);
    expect((await memberDoc('o_bday_august')).birthdayGiftYear ?? null).toBeNull();

    world.clock.set('2027-07-03T09:00:00+08:00');
    expect(((await world.emu.asConsole('jobs', { action: 'birthdayGifts' })) as JobAnswer).data.changed).toBe(1);
    const report = await world.console.call('admin', 'reconcile', {});
    expect(report.discrepancies).toEqual([]);
  });
});
