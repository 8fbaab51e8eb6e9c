import { COLLECTIONS, type CollectionName } from '../../cloudfunctions/shared/data/collections';
import { find } from '../support/inspect';
import type { ErrorCode } from '../../typings/errors';
import type { FunctionName } from '../../typings/api';
import { joinMember, openStore, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

/**
 * Refusals are recorded on purpose (audit lines, admin flags, scan-failure counters); every
 * other collection must be byte-for-byte the same after a bad request.
 */
const RECORDS_REFUSALS: CollectionName[] = [COLLECTIONS.audit, COLLECTIONS.flags, COLLECTIONS.scanFailures];

async function snapshot(): Promise<string> {
  const parts: Record<string, unknown[]> = {};
  for (const name of Object.values(COLLECTIONS)) {
    if (RECORDS_REFUSALS.includes(name)) continue;
    parts[name] = await find(name, {}, { orderBy: [['_id', 'asc']], limit: 1000 });
  }
  return JSON.stringify(parts);
}

type Who = 'shopper' | 'other' | 'staff' | 'anonymous' | 'console';
type Case = [label: string, who: Who, fn: FunctionName, action: string, payload: Record<string, unknown>, code: ErrorCode];

let world: LoyaltyWorld;
let shopper: Actor;
let cashier: Actor;
let sessionId: string;
let memberId: string;

beforeAll(async () => {
  world = await startWorld('2026-06-01T10:00:00+08:00');
  cashier = await openStore(world);
  shopper = await joinMember(world, 'o_bad_input');
  await joinMember(world, 'o_bad_other');
  sessionId = await scan(cashier, shopper);
  memberId = (await shopper.call('member', 'card', {})).memberId;
  await cashier.call('staff', 'recordPurchase', { sessionId, orderNo: 'GOOD-1', amountFen: 10_000 });
});
afterAll(() => world.close());

const big = 'x'.repeat(5_000);
const cases = (): Case[] => [
  // member
  ['register: consent missing', 'other', 'member', 'register', {}, 'INVALID_INPUT'],
  ['register: consent wrong type', 'other', 'member', 'register', { consentVersion: 2026 }, 'INVALID_INPUT'],
  ['register: nickname oversized', 'other', 'member', 'register', { consentVersion: '2026-11', nickname: big }, 'INVALID_INPUT'],
  ['register: unknown field (identity smuggling)', 'other', 'member', 'register', { consentVersion: '2026-11', openid: 'o_bad_input' }, 'INVALID_INPUT'],
  ['card: without identity', 'anonymous', 'member', 'card', {}, 'UNAUTHENTICATED'],
  ['updateProfile: birthday nonsense', 'shopper', 'member', 'updateProfile', { birthday: '2026-02-31x' }, 'INVALID_INPUT'],
  ['updateProfile: phone as number', 'shopper', 'member', 'updateProfile', { phone: 13800000000 }, 'INVALID_INPUT'],
  ['updateProfile: tier smuggling', 'shopper', 'member', 'updateProfile', { tier: 'platinum' }, 'INVALID_INPUT'],
  ['deleteAccount: no confirmation', 'shopper', 'member', 'deleteAccount', {}, 'INVALID_INPUT'],
  ['unknown action', 'shopper', 'member', 'becomeAdmin', {}, 'UNKNOWN_ACTION'],
  // points
  ['history: limit negative', 'shopper', 'points', 'history', { limit: -1 }, 'INVALID_INPUT'],
  ['history: limit huge', 'shopper', 'points', 'history', { limit: 1e9 }, 'INVALID_INPUT'],
  ['history: cursor forged', 'shopper', 'points', 'history', { cursor: 'MTIzOmFiYw==.' }, 'INVALID_INPUT'],
  ['history: oversized cursor', 'shopper', 'points', 'history', { cursor: big }, 'INVALID_INPUT'],
  // staff
  ['scan: by a shopper', 'shopper', 'staff', 'scan', { code: 'LM1.x' }, 'NOT_STAFF'],
  ['scan: empty code', 'staff', 'staff', 'scan', { code: '' }, 'INVALID_INPUT'],
  ['scan: oversized code', 'staff', 'staff', 'scan', { code: big }, 'INVALID_INPUT'],
  ['purchase: by a shopper', 'shopper', 'staff', 'recordPurchase', { sessionId: 'x', orderNo: 'P-1', amountFen: 100 }, 'NOT_STAFF'],
  ['purchase: negative amount', 'staff', 'staff', 'recordPurchase', { sessionId: 'S', orderNo: 'P-1', amountFen: -100 }, 'INVALID_INPUT'],
  ['purchase: zero amount', 'staff', 'staff', 'recordPurchase', { sessionId: 'S', orderNo: 'P-1', amountFen: 0 }, 'INVALID_INPUT'],
  ['purchase: fractional fen', 'staff', 'staff', 'recordPurchase', { sessionId: 'S', orderNo: 'P-1', amountFen: 10.5 }, 'INVALID_INPUT'],
  ['purchase: huge amount', 'staff', 'staff', 'recordPurchase', { sessionId: 'S', orderNo: 'P-1', amountFen: Number.MAX_SAFE_INTEGER }, 'INVALID_INPUT'],
  ['purchase: amount as string', 'staff', 'staff', 'recordPurchase', { sessionId: 'S', orderNo: 'P-1', amountFen: '100' }, 'INVALID_INPUT'],
  ['purchase: missing order number', 'staff', 'staff', 'recordPurchase', { sessionId: 'S', amountFen: 100 }, 'INVALID_INPUT'],
  ['purchase: member id instead of a session', 'staff', 'staff', 'recordPurchase', { memberId: 'M', orderNo: 'P-1', amountFen: 100 }, 'INVALID_INPUT'],
  ['purchase: client-chosen points', 'staff', 'staff', 'recordPurchase', { sessionId: 'S', orderNo: 'P-1', amountFen: 100, points: 99999 }, 'INVALID_INPUT'],
  ['purchase: foreign session id', 'staff', 'staff', 'recordPurchase', { sessionId: 'ffffffffffffffffffffffffffffffff', orderNo: 'P-1', amountFen: 100 }, 'SESSION_INVALID'],
  ['purchase: same order, other amount', 'staff', 'staff', 'recordPurchase', { sessionId: 'S', orderNo: 'GOOD-1', amountFen: 99 }, 'ORDER_CONFLICT'],
  ['refund: unknown order', 'staff', 'staff', 'recordRefund', { sessionId: 'S', orderNo: 'NOPE', refundNo: 'R1', amountFen: 100 }, 'ORDER_NOT_FOUND'],
  ['refund: more than the order', 'staff', 'staff', 'recordRefund', { sessionId: 'S', orderNo: 'GOOD-1', refundNo: 'R1', amountFen: 10_001 }, 'REFUND_EXCEEDS_ORDER'],
  ['refund: negative', 'staff', 'staff', 'recordRefund', { sessionId: 'S', orderNo: 'GOOD-1', refundNo: 'R1', amountFen: -1 }, 'INVALID_INPUT'],
  // admin and jobs from the wrong callers
  ['admin from a shopper', 'shopper', 'admin', 'adjustPoints', { memberId: 'M', delta: 100, reason: '想要', key: 'k' }, 'FORBIDDEN'],
  ['admin from staff', 'staff', 'admin', 'upsertStaff', { openid: 'o_bad_input', name: 'x', storeId: 'store_1', role: 'manager' }, 'FORBIDDEN'],
  ['jobs from a shopper', 'shopper', 'jobs', 'expirePoints', {}, 'FORBIDDEN'],
  ['adjust: unknown member', 'console', 'admin', 'adjustPoints', { memberId: 'ffffffffffffffffffffffffffffffff', delta: 5, reason: '测试', key: 'k-unknown' }, 'MEMBER_NOT_FOUND'],
  ['adjust: below zero', 'console', 'admin', 'adjustPoints', { memberId: 'M', delta: -1_000_000, reason: '扣除', key: 'k-neg' }, 'INSUFFICIENT_POINTS'],
  ['adjust: zero', 'console', 'admin', 'adjustPoints', { memberId: 'M', delta: 0, reason: '无', key: 'k-zero' }, 'INVALID_INPUT'],
  ['adjust: fractional', 'console', 'admin', 'adjustPoints', { memberId: 'M', delta: 1.5, reason: '无', key: 'k-frac' }, 'INVALID_INPUT'],
  ['staff for a missing store', 'console', 'admin', 'upsertStaff', { openid: 'o_new_staff', name: 'x', storeId: 'no_such_store', role: 'cashier' }, 'INVALID_INPUT'],
  ['settings out of range', 'console', 'admin', 'updateSettings', { settings: { memberCodeTtlSeconds: 5 } }, 'INVALID_INPUT'],
  ['event without action', 'console', 'admin', '', {}, 'INVALID_INPUT'],
];

describe('bad input gets its error code and changes nothing', () => {
  it.each(cases().map((c) => [c[0], c]))('%s', async (_label, testCase) => {
    const [, who, fn, action, rawPayload, code] = testCase as Case;
    const payload = JSON.parse(JSON.stringify(rawPayload).replaceAll('"S"', JSON.stringify(sessionId)).replaceAll('"M"', JSON.stringify(memberId))) as Record<string, unknown>;
    const before = await snapshot();
    const event = action ? { ...payload, action } : payload;
    const result =
      who === 'console'
        ? await world.emu.asConsole(fn, event)
        : who === 'anonymous'
          ? await world.emu.invoke(fn, event, { source: 'wx_client' })
          : await world.emu.asShopper(who === 'shopper' ? 'o_bad_input' : who === 'other' ? 'o_bad_other_new' : 'staff_cashier_1')(fn, event);
    expect(result).toMatchObject({ ok: false, code });
    expect((result as { message: string }).message.length).toBeGreaterThan(0);
    expect(await snapshot()).toBe(before);
  });
});
