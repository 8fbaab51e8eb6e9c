import { COLLECTIONS, type CollectionName } from '../../cloudfunctions/shared/data/collections';
import type { AuditDoc, MemberDoc, OrderDoc } from '../../cloudfunctions/shared/data/documents';
import { saleKeys, STORE_CHANNEL } from '../../cloudfunctions/shared/domain/orders/keys';
import type { OrderEvent, OrderFeedAnswer, OrderPaidResult, OrderRefundedResult } from '../../typings/api/orders';
import type { ErrorCode } from '../../typings/errors';
import { sendEvent, sendSigned, signEvent, type FeedClient } from '../../scripts/pos/signed-client';
import { count, find, getById } from '../support/inspect';
import { CONCURRENCY_TIMEOUT_SECONDS, joinMember, memberDoc, openStore, POLICY, scan, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

/**
 * The order feed through the platform's entry point: signed HTTP requests to the emulator's HTTP
 * access route (`/http/orders`), which builds the integrated request event, calls the `orders`
 * function with source `wx_http` and turns its integrated response into the HTTP answer
 * (CloudBase, 使用 HTTP 访问云函数). Everything a request does is checked in the database.
 */
let world: LoyaltyWorld;
let cashier: Actor;
let shopper: Actor;
let pos: FeedClient;
let shop: FeedClient;

async function createIntegration(integrationId: string, channel: string, storeIds?: string[]): Promise<FeedClient> {
  const { secret } = await world.console.call('integrations', 'create', { integrationId, name: integrationId, channel, ...(storeIds ? { storeIds } : {}) });
  return { baseUrl: `${world.emu.hostUrl}/http`, path: '/orders', integrationId, secret, nowSeconds: () => world.clock.now().getTime() / 1000 };
}

async function ok<T>(client: FeedClient, event: OrderEvent): Promise<T> {
  const { status, answer } = await sendEvent(client, event);
  if (!answer.ok) throw new Error(`${status} ${answer.code}: ${answer.message}`);
  expect(status).toBe(200);
  return answer.data as T;
}

beforeAll(async () => {
  // Concurrent sends below: slowness on a loaded machine must not turn into time-outs (test/support/loyalty.ts).
  world = await startWorld('2026-06-01T10:00:00+08:00', { functionTimeoutSeconds: CONCURRENCY_TIMEOUT_SECONDS });
  cashier = await openStore(world);
  await world.console.call('admin', 'upsertStore', { storeId: 'store_2', name: '二店' });
  shopper = await joinMember(world, 'o_feed_shopper');
  pos = await createIntegration('pos_1', STORE_CHANNEL, ['store_1']);
  shop = await createIntegration('shop_1', 'shop');
});
afterAll(() => world.close());

describe('recording paid orders', () => {
  it('credits the member the till would: same points, growth and stats, once per order number', async () => {
    const event: OrderEvent = { type: 'order.paid', orderNo: 'POS-1', amountFen: 10_000, customer: { openid: 'o_feed_shopper' }, storeId: 'store_1' };
    const first = await ok<OrderPaidResult>(pos, event);
    expect(first.status).toBe('credited');
    if (first.status !== 'credited') return;
    expect(first.receipt.pointsEarned).toBe(100); // ¥100 at the default 1 point per yuan
    // A retry (new nonce, new signature) answers the first receipt and changes nothing.
    const again = await ok<OrderPaidResult>(pos, event);
    expect(again).toEqual(first);
    const member = await memberDoc('o_feed_shopper');
    expect(member.stats.orders).toBe(1);
    expect(member.points.balance).toBe(100);
    const order = await getById<OrderDoc>(COLLECTIONS.orders, saleKeys(STORE_CHANNEL, 'POS-1').orderId);
    expect(order).toMatchObject({ channel: 'store', storeId: 'store_1', staffId: 'integration:pos_1', amountFen: 10_000 });
  });

  it('never credits a sale twice whether the till or the store POS reports it first', async () => {
    const sessionId = await scan(cashier, shopper);
    const atTill = await cashier.call('staff', 'recordPurchase', { sessionId, orderNo: 'SHARED-1', amountFen: 5_000 });
    const before = await memberDoc('o_feed_shopper');
    const fromPos = await ok<OrderPaidResult>(pos, { type: 'order.paid', orderNo: 'SHARED-1', amountFen: 5_000, customer: { openid: 'o_feed_shopper' } });
    expect(fromPos).toEqual({ status: 'credited', orderNo: 'SHARED-1', receipt: atTill });
    expect((await memberDoc('o_feed_shopper')).points).toEqual(before.points);
    // The shop's order numbers are another namespace: its SHARED-1 is another sale.
    const fromShop = await ok<OrderPaidResult>(shop, { type: 'order.paid', orderNo: 'SHARED-1', amountFen: 5_000, customer: { openid: 'o_feed_shopper' } });
    expect(fromShop.status).toBe('credited');
    expect((await memberDoc('o_feed_shopper')).points.balance).toBe(before.points.balance + 50);
  });

  it('earns on line items by the brand\'s category rules; spend and growth count the whole order', async () => {
    await world.console.call('integrations', 'setOrderRules', { excludedCategories: ['tobacco'], categoryRatesPermille: { promo: 500 }, unclaimedDays: 30 });
    const before = await memberDoc('o_feed_shopper');
    const result = await ok<OrderPaidResult>(shop, {
      type: 'order.paid',
      orderNo: 'LINES-1',
      amountFen: 30_000,
      customer: { openid: 'o_feed_shopper' },
      lines: [
        { sku: 'A', category: 'tea', quantity: 1, amountFen: 10_000 },
        { sku: 'B', category: 'tobacco', quantity: 1, amountFen: 10_000 },
        { sku: 'C', category: 'promo', quantity: 2, amountFen: 10_000 },
      ],
    });
    if (result.status !== 'credited') throw new Error('not credited');
    expect(result.receipt.pointsEarned).toBe(150); // 100 (tea) + 0 (tobacco) + 50 (promo at half rate)
    expect(result.receipt.growthAdded).toBe(300);
    expect((await memberDoc('o_feed_shopper')).stats.spentFen).toBe(before.stats.spentFen + 30_000);
  });

  it('finds the member by card number and by a member code scanned at the POS', async () => {
    const card = await shopper.call('member', 'card', {});
    const byCard = await ok<OrderPaidResult>(pos, { type: 'order.paid', orderNo: 'CARD-1', amountFen: 1_000, customer: { cardNo: card.cardNo } });
    expect(byCard.status).toBe('credited');
    const { code } = await shopper.call('member', 'code', {});
    const byCode = await ok<OrderPaidResult>(pos, { type: 'order.paid', orderNo: 'CODE-1', amountFen: 1_000, customer: { memberCode: code } });
    expect(byCode.status).toBe('credited');
    const orders = await Promise.all(['CARD-1', 'CODE-1'].map((no) => getById<OrderDoc>(COLLECTIONS.orders, saleKeys(STORE_CHANNEL, no).orderId)));
    expect(orders.map((o) => o?.memberId)).toEqual([card.memberId, card.memberId]);
  });
});

describe('refunds', () => {
  it('reverses points in proportion and answers retries with the first receipt', async () => {
    const before = await memberDoc('o_feed_shopper');
    const refund: OrderEvent = { type: 'order.refunded', orderNo: 'POS-1', refundNo: 'R-1', amountFen: 4_000 };
    const first = await ok<OrderRefundedResult>(pos, refund);
    expect(first).toMatchObject({ status: 'credited', receipt: { pointsReversed: 40, orderRefundedFen: 4_000 } });
    expect(await ok<OrderRefundedResult>(pos, refund)).toEqual(first);
    expect((await memberDoc('o_feed_shopper')).points.balance).toBe(before.points.balance - 40);
  });

  it('refunds an order the till recorded in the same channel', async () => {
    const result = await ok<OrderRefundedResult>(pos, { type: 'order.refunded', orderNo: 'SHARED-1', refundNo: 'R-S1', amountFen: 5_000 });
    expect(result).toMatchObject({ status: 'credited', receipt: { pointsReversed: 50 } });
  });
});

describe('customers who are not members yet', () => {
  it('keeps the order under the phone number and credits the net amount when that customer joins and sets the phone', async () => {
    const phone = '13912345678';
    const kept = await ok<OrderPaidResult>(shop, { type: 'order.paid', orderNo: 'GUEST-1', amountFen: 20_000, customer: { phone } });
    expect(kept.status).toBe('unclaimed');
    expect(await ok<OrderRefundedResult>(shop, { type: 'order.refunded', orderNo: 'GUEST-1', refundNo: 'GR-1', amountFen: 5_000 })).toMatchObject({ status: 'unclaimed', remainingFen: 15_000 });
    const guest = await joinMember(world, 'o_feed_guest');
    expect((await memberDoc('o_feed_guest')).stats.orders).toBe(0);
    await guest.call('member', 'bindPhone', { code: world.emu.issuePhoneCode(phone) });
    const joined = await memberDoc('o_feed_guest');
    // Credited as if recorded at once and then refunded: spend is the order's, points and growth are net.
    expect(joined.stats).toMatchObject({ orders: 1, spentFen: 20_000 });
    expect(joined.points.balance).toBe(150);
    expect(joined.growth).toBe(150);
    expect(await count(COLLECTIONS.unclaimedOrders, {})).toBe(0);
    // The order now lives under its number: a late retry of the event answers the credited receipt.
    expect((await ok<OrderPaidResult>(shop, { type: 'order.paid', orderNo: 'GUEST-1', amountFen: 20_000, customer: { phone } })).status).toBe('credited');
  });

  it('credits orders sent under an openid when that WeChat user registers', async () => {
    await ok<OrderPaidResult>(shop, { type: 'order.paid', orderNo: 'MP-1', amountFen: 8_800, customer: { openid: 'o_feed_later' } });
    await world.shopper('o_feed_later').call('member', 'register', { consentVersion: POLICY });
    expect((await memberDoc('o_feed_later')).stats).toMatchObject({ orders: 1, spentFen: 8_800 });
  });

  it('does not credit after the claim window', async () => {
    await ok<OrderPaidResult>(shop, { type: 'order.paid', orderNo: 'LATE-1', amountFen: 1_000, customer: { openid: 'o_feed_too_late' } });
    world.clock.advance(31 * 24 * 3600_000);
    await world.shopper('o_feed_too_late').call('member', 'register', { consentVersion: POLICY });
    expect((await memberDoc('o_feed_too_late')).stats.orders).toBe(0);
  });
});

describe('bad requests change nothing, each with its own code', () => {
  const RECORDS_CALLS: CollectionName[] = [COLLECTIONS.audit, COLLECTIONS.flags, COLLECTIONS.integrationNonces];
  async function snapshot(): Promise<string> {
    const parts: Record<string, unknown[]> = {};
    for (const name of Object.values(COLLECTIONS)) {
      if (!RECORDS_CALLS.includes(name)) parts[name] = await find(name, {}, { orderBy: [['_id', 'asc']], limit: 1000 });
    }
    return JSON.stringify(parts);
  }
  const paid = (orderNo: string, extra: Record<string, unknown> = {}) => ({ type: 'order.paid', orderNo, amountFen: 1_000, customer: { openid: 'o_feed_shopper' }, ...extra });
  type Case = [label: string, send: () => Promise<{ status: number; answer: OrderFeedAnswer }>, status: number, code: ErrorCode];
  const replayed = () => signEvent(pos, paid('REPLAY-1'), { nonce: 'fixed-nonce-0000000001' });
  const cases = (): Case[] => [
    ['bad signature', () => sendSigned({ ...signEvent(pos, paid('BAD-1')), body: JSON.stringify(paid('BAD-1', { amountFen: 99_999 })) }), 401, 'SIGNATURE_INVALID'],
    ['signed with another secret', () => sendSigned(signEvent({ ...pos, secret: 'not-the-secret' }, paid('BAD-2'))), 401, 'SIGNATURE_INVALID'],
    ['stale timestamp', () => sendSigned(signEvent(pos, paid('BAD-3'), { timestamp: String(Math.floor(world.clock.now().getTime() / 1000) - 301) })), 401, 'TIMESTAMP_STALE'],
    ['timestamp from the future', () => sendSigned(signEvent(pos, paid('BAD-4'), { timestamp: String(Math.floor(world.clock.now().getTime() / 1000) + 301) })), 401, 'TIMESTAMP_STALE'],
    ['unknown integration', () => sendSigned(signEvent({ ...pos, integrationId: 'pos_nobody' }, paid('BAD-5'))), 401, 'INTEGRATION_UNKNOWN'],
    ['oversized body', () => sendSigned(signEvent(pos, paid('BAD-6', { note: 'x'.repeat(70_000) }))), 413, 'BODY_TOO_LARGE'],
    ['body not JSON', () => sendSigned(signEvent(pos, {}, { body: '{"type":"order.paid",' })), 400, 'BODY_MALFORMED'],
    ['unknown event type', () => sendSigned(signEvent(pos, { type: 'order.shipped', orderNo: 'BAD-7' })), 400, 'BODY_MALFORMED'],
    ['points smuggled in', () => sendSigned(signEvent(pos, paid('BAD-8', { points: 99_999 }))), 400, 'INVALID_INPUT'],
    ['member id instead of a customer reference', () => sendSigned(signEvent(pos, paid('BAD-9', { customer: { memberId: 'x' } }))), 400, 'INVALID_INPUT'],
    ['lines that do not add up', () => sendSigned(signEvent(pos, paid('BAD-10', { lines: [{ sku: 'A', category: 'tea', quantity: 1, amountFen: 999 }] }))), 400, 'AMOUNT_MISMATCH'],
    ['a store not the integration\'s', () => sendSigned(signEvent(pos, paid('BAD-11', { storeId: 'store_2' }))), 403, 'FORBIDDEN'],
    ['card number of nobody', () => sendSigned(signEvent(pos, paid('BAD-12', { customer: { cardNo: '99999999999' } }))), 422, 'MEMBER_NOT_FOUND'],
    ['same order number, other amount', () => sendSigned(signEvent(pos, paid('POS-1', { amountFen: 10_001 }))), 409, 'ORDER_CONFLICT'],
    ['refund before the order', () => sendSigned(signEvent(pos, { type: 'order.refunded', orderNo: 'NEVER-1', refundNo: 'R-N', amountFen: 100 })), 409, 'REFUND_BEFORE_ORDER'],
    ['refund larger than what is left', () => sendSigned(signEvent(pos, { type: 'order.refunded', orderNo: 'POS-1', refundNo: 'R-BIG', amountFen: 6_001 })), 409, 'REFUND_EXCEEDS_ORDER'],
    ['refund number reused with another amount', () => sendSigned(signEvent(pos, { type: 'order.refunded', orderNo: 'POS-1', refundNo: 'R-1', amountFen: 1 })), 409, 'REFUND_CONFLICT'],
    ['refund of another channel\'s order number', () => sendSigned(signEvent(shop, { type: 'order.refunded', orderNo: 'POS-1', refundNo: 'R-X', amountFen: 100 })), 409, 'REFUND_BEFORE_ORDER'],
    ['replayed request (same nonce)', () => sendSigned(replayed()), 409, 'NONCE_REPLAYED'],
    ['GET instead of POST', async () => {
      const res = await fetch(`${pos.baseUrl}${pos.path}`, { method: 'GET', headers: signEvent(pos, paid('BAD-13')).headers });
      return { status: res.status, answer: (await res.json()) as OrderFeedAnswer };
    }, 400, 'BODY_MALFORMED'],
  ];

  it.each(cases().map((c) => [c[0], c] as const))('%s', async (_label, [, send, status, code]) => {
    if (code === 'NONCE_REPLAYED') expect((await sendSigned(replayed())).status).toBe(200); // the first use is fine
    const before = await snapshot();
    const { status: got, answer } = await send();
    expect([got, answer.ok ? 'ok' : answer.code]).toEqual([status, code]);
    expect(await snapshot()).toBe(before);
  });

  it('is not callable except through HTTP access: a mini-program or console call is refused', async () => {
    const event = { path: '/orders', httpMethod: 'POST', headers: signEvent(pos, paid('BAD-14')).headers, body: JSON.stringify(paid('BAD-14')), isBase64Encoded: false };
    for (const result of [await world.emu.asShopper('o_feed_shopper')('orders', event), await world.emu.asConsole('orders', event)]) {
      expect(JSON.parse((result as { body: string }).body)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await count(COLLECTIONS.orders, { orderNo: 'BAD-14' })).toBe(0);
  });
});

describe('integrations', () => {
  it('audits every signed call once: changes in their transaction, retries and refusals on their own', async () => {
    const audited = () => count(COLLECTIONS.audit, { 'actor.kind': 'integration', 'actor.id': 'pos_1' });
    const before = await audited();
    const event: OrderEvent = { type: 'order.paid', orderNo: 'AUD-1', amountFen: 100, customer: { openid: 'o_feed_shopper' } };
    await sendEvent(pos, event);
    await sendEvent(pos, event);
    await sendEvent(pos, { ...event, amountFen: 200 });
    expect(await audited()).toBe(before + 3);
    const records = await find<AuditDoc>(COLLECTIONS.audit, { 'actor.id': 'pos_1', 'detail.orderNo': 'AUD-1' }, { orderBy: [['at', 'asc']] });
    expect(records.map((r) => r.outcome).sort()).toEqual(['ok', 'ok', 'refused']);
  });

  it('rotating the secret retires the old one; a deactivated integration is unknown', async () => {
    const { secret } = await world.console.call('integrations', 'rotateSecret', { integrationId: 'shop_1' });
    const event: OrderEvent = { type: 'order.paid', orderNo: 'ROT-1', amountFen: 100, customer: { openid: 'o_feed_shopper' } };
    expect((await sendEvent(shop, event)).answer).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
    shop = { ...shop, secret };
    expect((await sendEvent(shop, event)).status).toBe(200);
    await world.console.call('integrations', 'setActive', { integrationId: 'shop_1', active: false });
    expect((await sendEvent(shop, { ...event, orderNo: 'ROT-2' })).answer).toMatchObject({ ok: false, code: 'INTEGRATION_UNKNOWN' });
    await world.console.call('integrations', 'setActive', { integrationId: 'shop_1', active: true });
  });

  it('only admins manage integrations, and the secret is never stored in the clear', async () => {
    expect(await shopper.raw('integrations', 'create', { integrationId: 'evil', name: 'x', channel: 'store' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const stored = JSON.stringify(await find(COLLECTIONS.integrations, {}));
    expect(stored).not.toContain(pos.secret);
  });
});

describe('historical import', () => {
  const jsonl = [
    JSON.stringify({ orderNo: 'H-1', amountFen: 50_000, paidAt: '2026-01-10T12:00:00+08:00', openid: 'o_feed_shopper' }),
    JSON.stringify({ orderNo: 'H-2', amountFen: 20_000, paidAt: '2025-12-01T12:00:00+08:00', phone: '13700000000' }),
    JSON.stringify({ orderNo: 'H-3', amountFen: -5, paidAt: '2026-01-10T12:00:00+08:00', openid: 'o_feed_shopper' }),
    'not json',
    JSON.stringify({ orderNo: 'H-1', amountFen: 50_000, paidAt: '2026-01-10T12:00:00+08:00', openid: 'o_feed_shopper' }),
  ].join('\n');

  it('records history (spend, orders, growth; no points), reports bad rows, and resumes without double counting', async () => {
    const before = await memberDoc('o_feed_shopper');
    const progress = await world.console.call('integrations', 'importOrders', { importId: 'hist-1', format: 'jsonl', text: jsonl });
    expect(progress).toMatchObject({ status: 'done', total: 5, recorded: 1, unclaimed: 1, duplicates: 1 });
    expect(progress.errors.map((e) => [e.row, e.code])).toEqual([[3, 'INVALID_INPUT'], [4, 'BODY_MALFORMED']]);
    const after = await memberDoc('o_feed_shopper');
    expect(after.stats.orders).toBe(before.stats.orders + 1);
    expect(after.points.balance).toBe(before.points.balance);
    expect(after.growthByMonth['2026-01']).toBe((before.growthByMonth['2026-01'] ?? 0) + 500);
    const order = await getById<OrderDoc>(COLLECTIONS.orders, saleKeys(STORE_CHANNEL, 'H-1').orderId);
    expect(order?.createdAt.toISOString()).toBe('2026-01-10T04:00:00.000Z');
    // Calling again continues (here: nothing left); other text under the same id is refused.
    expect(await world.console.call('integrations', 'importOrders', { importId: 'hist-1', format: 'jsonl', text: jsonl })).toEqual(progress);
    expect(await world.console.raw('integrations', 'importOrders', { importId: 'hist-1', format: 'jsonl', text: `${jsonl}\n` + jsonl })).toMatchObject({ ok: false, code: 'IMPORT_CONFLICT' });
  });

  it('reads CSV with a header', async () => {
    const csv = ['channel,orderNo,amountFen,paidAt,openid', 'shop,HC-1,1200,2026-02-01T10:00:00+08:00,o_feed_shopper', 'shop,HC-2,abc,2026-02-01T10:00:00+08:00,o_feed_shopper'].join('\n');
    const progress = await world.console.call('integrations', 'importOrders', { importId: 'hist-csv', format: 'csv', text: csv });
    expect(progress).toMatchObject({ status: 'done', total: 2, recorded: 1 });
    expect(progress.errors.map((e) => e.row)).toEqual([2]);
    expect(await count(COLLECTIONS.orders, { orderNo: 'HC-1', channel: 'shop' })).toBe(1);
  });
});

describe('concurrency', () => {
  it('the same order sent ten times at once is credited once', async () => {
    const before = await memberDoc('o_feed_shopper');
    const event: OrderEvent = { type: 'order.paid', orderNo: 'RACE-1', amountFen: 7_000, customer: { openid: 'o_feed_shopper' } };
    const answers = await Promise.all(Array.from({ length: 10 }, () => sendEvent(pos, event)));
    const receipts = answers.map((a) => (a.answer.ok ? JSON.stringify(a.answer.data) : a.answer.code));
    expect(new Set(receipts).size).toBe(1);
    const after: MemberDoc = await memberDoc('o_feed_shopper');
    expect(after.stats.orders).toBe(before.stats.orders + 1);
    expect(after.points.balance).toBe(before.points.balance + 70);
  }, CONCURRENCY_TIMEOUT_SECONDS * 1000);
});
