import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { AuditDoc, FlagDoc } from '../../cloudfunctions/shared/data/documents';
import { find } from '../support/inspect';
import { expectCode, joinMember, openStore, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

let world: LoyaltyWorld;
let cashier: Actor;
beforeAll(async () => {
  world = await startWorld();
  cashier = await openStore(world);
});
afterAll(() => world.close());

async function showCard(member: Actor): Promise<{ cardNo: string; confirmCode: string }> {
  const [{ cardNo }, { confirmCode }] = await Promise.all([member.call('member', 'card', {}), member.call('member', 'code', {})]);
  return { cardNo, confirmCode };
}

/** A different 6-digit code than the right one. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('manual entry at the till (card number + the confirmation code the member reads out)', () => {
  it('opens the same till session a scan would, and is audited', async () => {
    const member = await joinMember(world, 'o_manual_ok');
    const result = await cashier.call('staff', 'manualEntry', await showCard(member));
    expect(result.member).toMatchObject({ tier: { code: 'bronze' }, points: { available: 0 } });
    await cashier.call('staff', 'recordPurchase', { sessionId: result.sessionId, orderNo: 'MAN-1', amountFen: 1_000 });
    const audits = await find<AuditDoc>(COLLECTIONS.audit, { memberId: result.member.memberId });
    expect(audits.map((a) => [a.action, a.outcome])).toEqual(expect.arrayContaining([['staff.manualEntry', 'ok']]));
  });

  it('accepts each confirmation code once', async () => {
    const member = await joinMember(world, 'o_manual_once');
    const shown = await showCard(member);
    await cashier.call('staff', 'manualEntry', shown);
    await expectCode(cashier.call('staff', 'manualEntry', shown), 'CODE_REPLAYED');
  });

  it('refuses a wrong code, an unknown card and an old code with one answer, and records each refusal', async () => {
    const staff = await openStore(world, 'staff_manual_refusals');
    const member = await joinMember(world, 'o_manual_refused');
    const shown = await showCard(member);
    await expectCode(staff.call('staff', 'manualEntry', { ...shown, confirmCode: wrong(shown.confirmCode) }), 'CONFIRM_CODE_INVALID');
    await expectCode(staff.call('staff', 'manualEntry', { cardNo: '800000000011', confirmCode: shown.confirmCode }), 'CONFIRM_CODE_INVALID');
    world.clock.advance(125_000); // two code periods of 60 s later
    await expectCode(staff.call('staff', 'manualEntry', shown), 'CONFIRM_CODE_INVALID');
    const staffId = (await staff.call('staff', 'me', {})).staffId;
    const refused = await find<AuditDoc>(COLLECTIONS.audit, { 'actor.id': staffId, action: 'staff.manualEntry' });
    expect(refused.map((a) => a.outcome)).toEqual(['refused', 'refused', 'refused']);
  });

  it.each([
    ['a card number failing its check digit', { cardNo: '800000000012', confirmCode: '123456' }],
    ['a short code', { cardNo: '800000000011', confirmCode: '12345' }],
    ['letters in the code', { cardNo: '800000000011', confirmCode: '12a456' }],
    ['a member code field', { cardNo: '800000000011', confirmCode: '123456', memberId: 'x' }],
    ['no card number', { confirmCode: '123456' }],
  ])('refuses %s as INVALID_INPUT', async (_label, request) => {
    expect(await cashier.raw('staff', 'manualEntry', request)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('is for staff only', async () => {
    const member = await joinMember(world, 'o_manual_self');
    await expectCode(member.call('staff', 'manualEntry', await showCard(member)), 'NOT_STAFF');
  });

  it('stops a staff member after 5 failures in 10 minutes, flags it, and leaves others unaffected', async () => {
    const staff = await openStore(world, 'staff_manual_brute');
    const member = await joinMember(world, 'o_manual_victim');
    const shown = await showCard(member);
    for (let i = 0; i < 5; i += 1) await expectCode(staff.call('staff', 'manualEntry', { ...shown, confirmCode: wrong(shown.confirmCode) }), 'CONFIRM_CODE_INVALID');
    // Even the right code is not checked any more in this window: guessing cannot continue.
    await expectCode(staff.call('staff', 'manualEntry', shown), 'RATE_LIMITED');
    const staffId = (await staff.call('staff', 'me', {})).staffId;
    expect(await find<FlagDoc>(COLLECTIONS.flags, { kind: 'scan_abuse', staffId })).toHaveLength(1);
    // Scanning is limited separately; another cashier is not affected.
    await expect(staff.call('staff', 'scan', { code: (await member.call('member', 'code', {})).code })).resolves.toMatchObject({ sessionId: expect.any(String) });
    await expect(cashier.call('staff', 'manualEntry', await showCard(member))).resolves.toMatchObject({ sessionId: expect.any(String) });
  });

  it('holds the limit under concurrent guesses: at most 5 are checked per window', async () => {
    const staff = await openStore(world, 'staff_manual_burst');
    const member = await joinMember(world, 'o_manual_burst');
    const shown = await showCard(member);
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(shown.confirmCode) + 1 + i) % 1_000_000).padStart(6, '0'));
    const results = await Promise.all(guesses.map((confirmCode) => staff.raw('staff', 'manualEntry', { cardNo: shown.cardNo, confirmCode })));
    const codes = results.map((r) => (r.ok ? 'ok' : r.code));
    expect(codes.filter((c) => c === 'CONFIRM_CODE_INVALID')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(7);
  });
});
