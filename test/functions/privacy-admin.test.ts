import { ledgerIds } from '../../cloudfunctions/shared/domain/points/account';
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { MemberDoc } from '../../cloudfunctions/shared/data/documents';
import { count, find, getById } from '../support/inspect';
import { expectCode, joinMember, openStore, POLICY, scan, startWorld, type LoyaltyWorld } from '../support/loyalty';

let world: LoyaltyWorld;
beforeAll(async () => {
  world = await startWorld('2026-05-01T10:00:00+08:00');
});
afterAll(() => world.close());

describe('privacy rights', () => {
  it('exports everything stored about the shopper, with the phone in full', async () => {
    const cashier = await openStore(world);
    const shopper = await joinMember(world, 'o_export');
    await shopper.call('member', 'bindPhone', { code: world.emu.issuePhoneCode('13900001111') });
    await shopper.call('member', 'updateProfile', { nickname: '导出者' });
    await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, shopper), orderNo: 'EX-1', amountFen: 8_800 });
    const data = await shopper.call('member', 'exportData', {});
    expect(data.member).toMatchObject({ nickname: '导出者', phone: '13900001111' });
    expect(data.orders).toEqual([expect.objectContaining({ orderNo: 'EX-1', amountFen: 8_800, storeId: 'store_1' })]);
    expect(data.ledger).toEqual([expect.objectContaining({ type: 'earn', delta: 88, orderNo: 'EX-1' })]);
    expect(data.tierHistory.map((h) => h.reason)).toEqual(['join']);
  });

  it('deletes the account: personal data erased, points forfeited in the ledger, totals still reconcile', async () => {
    const shopper = world.shopper('o_export');
    await expectCode(shopper.call('member', 'deleteAccount', { confirm: 'yes' } as never), 'INVALID_INPUT');
    const before = await find<MemberDoc>(COLLECTIONS.members, { openid: 'o_export' });
    expect(await shopper.call('member', 'deleteAccount', { confirm: 'DELETE' })).toEqual({ deleted: true });
    const erased = await getById<MemberDoc>(COLLECTIONS.members, before[0]._id);
    expect(erased).toMatchObject({ status: 'deleted', openid: null, nickname: '', phone: null, birthday: null, points: { balance: 0 } });
    const entries = await find<{ type: string; delta: number; reason: string | null }>(COLLECTIONS.ledger, { memberId: before[0]._id });
    expect(entries.map((e) => `${e.type}:${e.delta}`).sort()).toEqual(['adjust:-88', 'earn:88']);
    await expectCode(shopper.call('member', 'card', {}), 'NOT_REGISTERED');
    const again = await shopper.call('member', 'register', { consentVersion: POLICY });
    expect(again.created).toBe(true);
    expect(again.card.memberId).not.toBe(before[0]._id);
    const report = await world.console.call('admin', 'reconcile', {});
    expect(report.discrepancies).toEqual([]);
    const audits = await find<{ action: string; memberId: string | null }>(COLLECTIONS.audit, { memberId: before[0]._id });
    expect(audits.map((a) => a.action).sort()).toEqual(expect.arrayContaining(['member.deleteAccount', 'member.exportData']));
    expect(await count(COLLECTIONS.audit, { action: 'admin.reconcile' })).toBeGreaterThanOrEqual(1);
  });
});

describe('admin actions', () => {
  it('refuses shoppers, staff and HTTP-access calls; accepts the console and listed admins', async () => {
    const shopper = await joinMember(world, 'o_wannabe_admin');
    await expectCode(shopper.call('admin', 'getSettings', {}), 'FORBIDDEN');
    await expectCode(world.shopper('staff_cashier_1').call('admin', 'adjustPoints', { memberId: 'x', delta: 5, reason: 'gift', key: 'k1' }), 'FORBIDDEN');
    await expectCode(shopper.call('jobs', 'expirePoints', {}), 'FORBIDDEN');
    const overHttp = await world.emu.invoke('admin', { action: 'getSettings' }, { source: 'wx_http' });
    expect(overHttp).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await world.console.call('admin', 'setAdmins', { openids: ['o_wannabe_admin'] });
    await expect(shopper.call('admin', 'getSettings', {})).resolves.toMatchObject({ settings: { pendingDays: 7 } });
    await world.console.call('admin', 'setAdmins', { openids: [] });
  });

  it('validates settings and tiers as a whole and changes nothing on bad input', async () => {
    const before = await world.console.call('admin', 'getSettings', {});
    await expectCode(world.console.call('admin', 'updateSettings', { settings: { pendingDays: -1 } }), 'INVALID_INPUT');
    await expectCode(world.console.call('admin', 'updateSettings', { settings: { pointsPerYuan: 1.5 } }), 'INVALID_INPUT');
    const noBase = before.tiers.map((t) => ({ ...t, threshold: t.threshold + 10 }));
    await expectCode(world.console.call('admin', 'setTiers', { tiers: noBase }), 'CONFIG_INVALID');
    // A mid-tone on which neither white nor dark text reaches 4.5:1 (WCAG AA) is refused too.
    const murky = before.tiers.map((t, i) => (i === 1 ? { ...t, color: '#2e8b57' } : t));
    await expectCode(world.console.call('admin', 'setTiers', { tiers: murky }), 'CONFIG_INVALID');
    expect(await world.console.call('admin', 'getSettings', {})).toEqual(before);
  });

  it('adjusts points once per key, with reason and actor, never below zero', async () => {
    const shopper = await joinMember(world, 'o_adjust');
    const { memberId } = await shopper.call('member', 'card', {});
    const credit = await world.console.call('admin', 'adjustPoints', { memberId, delta: 50, reason: '客诉补偿', key: 'adj-1' });
    expect(credit).toEqual({ memberId, delta: 50, balance: 50 });
    expect(await world.console.call('admin', 'adjustPoints', { memberId, delta: 50, reason: '客诉补偿', key: 'adj-1' })).toEqual(credit);
    await expectCode(world.console.call('admin', 'adjustPoints', { memberId, delta: -51, reason: '扣回', key: 'adj-2' }), 'INSUFFICIENT_POINTS');
    const [entry] = await find<{ actor: string; reason: string }>(COLLECTIONS.ledger, { _id: ledgerIds.adminAdjust('adj-1') });
    expect(entry).toMatchObject({ reason: '客诉补偿', actor: 'admin-key:console' });
    expect(await count(COLLECTIONS.audit, { action: 'admin.adjustPoints' })).toBe(1);
  });
});
