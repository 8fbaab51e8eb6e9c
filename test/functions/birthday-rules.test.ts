import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { LedgerDoc } from '../../cloudfunctions/shared/data/documents';
import { find } from '../support/inspect';
import { expectCode, joinMember, memberDoc, openStore, POLICY, scan, startWorld, type LoyaltyWorld } from '../support/loyalty';

/** Issue 10: birthdays are calendar dates, change at most once a year, and one WeChat identity gets one gift a year. */
let world: LoyaltyWorld;
beforeAll(async () => {
  world = await startWorld('2026-07-01T09:00:00+08:00');
});
afterAll(() => world.close());

type JobAnswer = { ok: boolean; data: { changed: number } };

describe('birthday validation', () => {
  it.each(['02-31', '04-31', '02-30', '2025-02-29', '1899-05-01', '13-01', '00-10', '2026-7-1'])('refuses %p as not a calendar birthday', async (birthday) => {
    const shopper = await joinMember(world, `o_bd_bad_${birthday}`);
    await expectCode(shopper.call('member', 'updateProfile', { birthday }), 'INVALID_INPUT');
    await expectCode(world.shopper(`o_bd_bad_reg_${birthday}`).call('member', 'register', { consentVersion: POLICY, birthday }), 'INVALID_INPUT');
    expect((await memberDoc(`o_bd_bad_${birthday}`)).birthday).toBeNull();
  });

  it('refuses a date in the future and accepts 02-29 and a leap-year 2024-02-29', async () => {
    const shopper = await joinMember(world, 'o_bd_future');
    await expectCode(shopper.call('member', 'updateProfile', { birthday: '2026-07-02' }), 'INVALID_INPUT');
    await expectCode(world.shopper('o_bd_future_reg').call('member', 'register', { consentVersion: POLICY, birthday: '2030-01-01' }), 'INVALID_INPUT');
    await expect(shopper.call('member', 'updateProfile', { birthday: '2024-02-29' })).resolves.toMatchObject({ birthday: '2024-02-29' });
    await expect(joinMember(world, 'o_bd_leap').then((s) => s.call('member', 'updateProfile', { birthday: '02-29' }))).resolves.toMatchObject({ birthday: '02-29' });
  });
});

describe('birthday changes', () => {
  it('allows the first set, then one change per 12 months; clearing is always allowed', async () => {
    const shopper = await joinMember(world, 'o_bd_change');
    await shopper.call('member', 'updateProfile', { birthday: '08-15' });
    await expectCode(shopper.call('member', 'updateProfile', { birthday: '07-15' }), 'BIRTHDAY_CHANGE_LIMIT');
    // Sending the same birthday again is no change.
    await expect(shopper.call('member', 'updateProfile', { birthday: '08-15', nickname: '小王' })).resolves.toMatchObject({ birthday: '08-15', nickname: '小王' });
    await expect(shopper.call('member', 'updateProfile', { birthday: null })).resolves.toMatchObject({ birthday: null });
    await expectCode(shopper.call('member', 'updateProfile', { birthday: '07-15' }), 'BIRTHDAY_CHANGE_LIMIT');
    world.clock.set('2027-07-02T09:00:00+08:00');
    await expect(shopper.call('member', 'updateProfile', { birthday: '07-15' })).resolves.toMatchObject({ birthday: '07-15' });
    await expectCode(shopper.call('member', 'updateProfile', { birthday: '09-15' }), 'BIRTHDAY_CHANGE_LIMIT');
    world.clock.set('2026-07-01T09:00:00+08:00');
  });

  it('counts a birthday given at registration as the first set', async () => {
    const shopper = world.shopper('o_bd_reg');
    await shopper.call('member', 'register', { consentVersion: POLICY, birthday: '03-03' });
    await expectCode(shopper.call('member', 'updateProfile', { birthday: '07-03' }), 'BIRTHDAY_CHANGE_LIMIT');
  });
});

describe('the birthday gift per WeChat identity', () => {
  it('is not given again the same year after delete and re-register, and is given the next year', async () => {
    const cashier = await openStore(world);
    const openid = 'o_bd_again';
    const first = await joinMember(world, openid);
    await first.call('member', 'updateProfile', { birthday: '07-20' });
    await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, first), orderNo: 'BD-AGAIN-1', amountFen: 200_000 }); // 白银
    await world.emu.asConsole('jobs', { action: 'birthdayGifts' });
    const firstId = (await memberDoc(openid))._id;
    expect(await find<LedgerDoc>(COLLECTIONS.ledger, { memberId: firstId, reason: 'birthday_gift' })).toHaveLength(1);
    await first.call('member', 'deleteAccount', { confirm: 'DELETE' });

    await first.call('member', 'register', { consentVersion: POLICY, birthday: '07-21' });
    await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, first), orderNo: 'BD-AGAIN-2', amountFen: 200_000 });
    world.clock.set('2026-07-05T09:00:00+08:00');
    await world.emu.asConsole('jobs', { action: 'birthdayGifts' });
    const secondId = (await memberDoc(openid))._id;
    expect(await find<LedgerDoc>(COLLECTIONS.ledger, { memberId: secondId, reason: 'birthday_gift' })).toHaveLength(0);

    world.clock.set('2027-07-03T09:00:00+08:00');
    const next = (await world.emu.asConsole('jobs', { action: 'birthdayGifts' })) as JobAnswer;
    expect(next.ok).toBe(true);
    expect(await find<LedgerDoc>(COLLECTIONS.ledger, { memberId: secondId, reason: 'birthday_gift' })).toHaveLength(1);
    expect(await world.console.call('admin', 'reconcile', {})).toMatchObject({ discrepancies: [] });
  });
});
