import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { AuditDoc, MemberDoc } from '../../cloudfunctions/shared/data/documents';
import { consoleAccount } from '../support/console-accounts';
import { find } from '../support/inspect';
import { expectCode, joinMember, memberDoc, openStore, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

/**
 * Member administration from the console (docs/console-api.md, "Members"), on the strict-index
 * emulator: every lookup must be served by an index in indexes.json or the call fails.
 */
let world: LoyaltyWorld;
let support: Actor;
let analyst: Actor;
let operator: Actor;
let alice: Actor;
let aliceId: string;
let aliceCard: string;

beforeAll(async () => {
  world = await startWorld('2026-06-01T10:00:00+08:00');
  alice = await joinMember(world, 'o_ma_alice');
  await alice.call('member', 'updateProfile', { nickname: '爱丽丝' });
  await alice.call('member', 'bindPhone', { code: world.emu.issuePhoneCode('13900003333') });
  const bob = await joinMember(world, 'o_ma_bob');
  await bob.call('member', 'updateProfile', { nickname: '爱丽丝的朋友' });
  await bob.call('member', 'bindPhone', { code: world.emu.issuePhoneCode('13900004444') });
  const carol = await joinMember(world, 'o_ma_carol');
  await carol.call('member', 'updateProfile', { nickname: '卡罗尔' });
  const card = await alice.call('member', 'card', {});
  aliceId = card.memberId;
  aliceCard = card.cardNo;
  support = await consoleAccount(world, 'uid_ma_support', 'support');
  analyst = await consoleAccount(world, 'uid_ma_analyst', 'analyst');
  operator = await consoleAccount(world, 'uid_ma_operator', 'operator');
});
afterAll(() => world.close());

describe('searchMembers', () => {
  it('finds by card number exactly, by phone through its hash, by nickname prefix; rows are masked', async () => {
    expect((await analyst.call('admin', 'searchMembers', { cardNo: aliceCard })).members).toEqual([expect.objectContaining({ memberId: aliceId, nickname: '爱丽丝', phoneMasked: '139****3333' })]);
    const byPhone = (await analyst.call('admin', 'searchMembers', { phone: '13900003333' })).members;
    expect(byPhone.map((m) => m.memberId)).toEqual([aliceId]);
    expect(JSON.stringify(byPhone)).not.toContain('13900003333');
    expect((await analyst.call('admin', 'searchMembers', { phone: '13900009999' })).members).toEqual([]);
    const byName = (await analyst.call('admin', 'searchMembers', { nickname: '爱丽' })).members.map((m) => m.nickname);
    expect(byName.sort()).toEqual(['爱丽丝', '爱丽丝的朋友']);
    expect((await analyst.call('admin', 'searchMembers', { nickname: '卡' })).members.map((m) => m.nickname)).toEqual(['卡罗尔']);
    // The range ends right after the prefix (its last character raised by one): nothing past it, nothing before it.
    expect((await analyst.call('admin', 'searchMembers', { nickname: '爱丽丝的' })).members.map((m) => m.nickname)).toEqual(['爱丽丝的朋友']);
    expect((await analyst.call('admin', 'searchMembers', { nickname: '卡罗' })).members.map((m) => m.nickname)).toEqual(['卡罗尔']);
  });

  it('bad input is refused', async () => {
    await expectCode(analyst.call('admin', 'searchMembers', { cardNo: '123' }), 'INVALID_INPUT');
    await expectCode(analyst.call('admin', 'searchMembers', { cardNo: `${aliceCard.slice(0, -1)}${(Number(aliceCard.slice(-1)) + 1) % 10}` }), 'INVALID_INPUT');
    await expectCode(analyst.call('admin', 'searchMembers', { phone: '1234' }), 'INVALID_INPUT');
    await expectCode(analyst.call('admin', 'searchMembers', { nickname: '爱', phone: '13900003333' } as never), 'INVALID_INPUT');
    await expectCode(analyst.call('admin', 'searchMembers', {} as never), 'INVALID_INPUT');
  });
});

describe('the member page', () => {
  it('getMember answers the aggregate with a cursor-paged ledger, masked, and is audited', async () => {
    const cashier = await openStore(world, 'staff_ma_cashier', 'store_ma');
    for (let i = 0; i < 25; i += 1) {
      world.clock.advance(60_000);
      await world.console.call('admin', 'adjustPoints', { memberId: aliceId, delta: 1, reason: `补偿${i}`, key: `ma-${i}` });
    }
    await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, alice), orderNo: 'MA-1', amountFen: 5_000 });
    const page = await analyst.call('admin', 'getMember', { memberId: aliceId });
    expect(page.profile).toMatchObject({ memberId: aliceId, phoneMasked: '139****3333' });
    expect(JSON.stringify(page)).not.toContain('13900003333');
    expect(page.orders).toEqual([expect.objectContaining({ orderNo: 'MA-1', storeId: 'store_ma' })]);
    expect(page.tier.history).toEqual([expect.objectContaining({ reason: 'join' })]);
    expect(page.ledger.items).toHaveLength(20);
    const rest = await analyst.call('admin', 'getMember', { memberId: aliceId, ledgerCursor: page.ledger.nextCursor ?? '' });
    expect(rest.ledger.nextCursor).toBeNull();
    const ids = [...page.ledger.items, ...rest.ledger.items].map((e) => e.id);
    expect(new Set(ids).size).toBe(26);
    const reads = await find<AuditDoc>(COLLECTIONS.audit, { memberId: aliceId, action: 'admin.getMember' }, { limit: 10 });
    expect(reads[0]).toMatchObject({ actor: { uid: 'uid_ma_analyst', role: 'analyst' } });
    await expectCode(analyst.call('admin', 'getMember', { memberId: 'no_such_member' }), 'MEMBER_NOT_FOUND');
  });

  it('revealPhone answers the full phone to support, each reveal its own audit record; analysts are refused', async () => {
    expect(await support.call('admin', 'revealPhone', { memberId: aliceId })).toEqual({ memberId: aliceId, phone: '13900003333' });
    await expectCode(analyst.call('admin', 'revealPhone', { memberId: aliceId }), 'ROLE_FORBIDDEN');
    await support.call('admin', 'revealPhone', { memberId: aliceId });
    const reveals = await find<AuditDoc>(COLLECTIONS.audit, { memberId: aliceId, action: 'admin.revealPhone' }, { limit: 10 });
    expect(reveals).toHaveLength(2);
    expect(reveals[0]).toMatchObject({ outcome: 'ok', actor: { uid: 'uid_ma_support', role: 'support' } });
  });
});

describe('overrideTier', () => {
  it('holds the chosen tier until its end date, then the review puts the member where growth says', async () => {
    const until = new Date(world.clock.now().getTime() + 10 * 24 * 3600_000);
    await expectCode(operator.call('admin', 'overrideTier', { memberId: aliceId, tier: 'gold', until: '2020-01-01T00:00:00+08:00', reason: '补偿' }), 'INVALID_INPUT');
    await expectCode(operator.call('admin', 'overrideTier', { memberId: aliceId, tier: 'emperor', until: until.toISOString(), reason: '补偿' }), 'INVALID_INPUT');
    const before = await memberDoc('o_ma_alice');
    expect(await operator.call('admin', 'overrideTier', { memberId: aliceId, tier: 'gold', until: until.toISOString(), reason: '投诉补偿' })).toMatchObject({ tier: 'gold' });
    expect((await alice.call('member', 'card', {})).tier.code).toBe('gold');
    expect((await analyst.call('admin', 'getMember', { memberId: aliceId })).tier.override).toMatchObject({ tier: 'gold' });

    world.clock.advance(5 * 24 * 3600_000);
    await world.console.call('jobs', 'reviewTiers', {});
    expect((await memberDoc('o_ma_alice')).tier).toBe('gold');

    world.clock.advance(5 * 24 * 3600_000 + 1000);
    await world.console.call('jobs', 'reviewTiers', {});
    const after: MemberDoc = await memberDoc('o_ma_alice');
    expect(after.tier).toBe(before.tier);
    expect(after.tierOverride).toBeNull();
    const history = (await analyst.call('admin', 'getMember', { memberId: aliceId })).tier.history.map((h) => `${h.from}->${h.to}:${h.reason}`);
    expect(history.slice(0, 2)).toEqual([`gold->${before.tier}:admin`, `${before.tier}->gold:admin`]);
  });
});

describe('tags, flags, stores, export and erasure on request', () => {
  it('sets tags (operators), lists stores with staff, resolves a flag once', async () => {
    expect(await operator.call('admin', 'setMemberTags', { memberId: aliceId, tags: ['vip', 'vip', '投诉'] })).toEqual({ memberId: aliceId, tags: ['vip', '投诉'] });
    await expectCode(support.call('admin', 'setMemberTags', { memberId: aliceId, tags: [] }), 'ROLE_FORBIDDEN');
    const { stores } = await analyst.call('admin', 'listStores', {});
    expect(stores.find((s) => s.storeId === 'store_ma')?.staff).toEqual([expect.objectContaining({ name: '收银员', role: 'cashier', active: true })]);
    await expectCode(support.call('admin', 'resolveFlag', { flagId: 'no_such_flag' }), 'FLAG_NOT_FOUND');
  });

  it('support exports and erases on the member’s request; both audited', async () => {
    const exported = await support.call('admin', 'exportMember', { memberId: aliceId, reason: '会员来电申请' });
    expect(exported).toMatchObject({ member: expect.objectContaining({ phone: '13900003333' }) });
    await expectCode(support.call('admin', 'eraseMember', { memberId: aliceId, reason: '会员来电申请', confirm: 'yes' } as never), 'INVALID_INPUT');
    expect(await support.call('admin', 'eraseMember', { memberId: aliceId, reason: '会员来电申请', confirm: 'DELETE' })).toEqual({ deleted: true });
    await expectCode(support.call('admin', 'eraseMember', { memberId: aliceId, reason: '会员来电申请', confirm: 'DELETE' }), 'MEMBER_DELETED');
    const records = await find<AuditDoc>(COLLECTIONS.audit, { memberId: aliceId, 'actor.uid': 'uid_ma_support' }, { limit: 20 });
    expect(records.map((r) => r.action)).toEqual(expect.arrayContaining(['admin.exportMember', 'admin.eraseMember', 'admin.revealPhone']));
    expect((await analyst.call('admin', 'searchMembers', { phone: '13900003333' })).members).toEqual([]);
  });
});
