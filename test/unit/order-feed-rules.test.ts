import fc from 'fast-check';
import { assertLinesAddUp, DEFAULT_ORDER_RULES, earningFen } from '../../cloudfunctions/shared/domain/orders/lines';
import { saleKeys, STORE_CHANNEL } from '../../cloudfunctions/shared/domain/orders/keys';
import { assertFresh, assertSigned, MAX_SKEW_SECONDS, signRequest } from '../../cloudfunctions/shared/domain/orders/signature';
import { ledgerIds, lotIds } from '../../cloudfunctions/shared/domain/points/account';
import type { OrderLine } from '../../typings/api/orders';

const line = (category: string, amountFen: number): OrderLine => ({ sku: category, category, quantity: 1, amountFen });

describe('line items and category rules', () => {
  it('earns on the whole amount without lines or rules', () => {
    expect(earningFen(12_345, undefined, DEFAULT_ORDER_RULES)).toBe(12_345);
    expect(earningFen(12_345, [line('a', 12_345)], DEFAULT_ORDER_RULES)).toBe(12_345);
  });

  it('weights each line by its category: excluded 0, rated in permille, floored once', () => {
    const rules = { ...DEFAULT_ORDER_RULES, excludedCategories: ['tobacco'], categoryRatesPermille: { promo: 500, vip: 1500 } };
    expect(earningFen(4_001, [line('tea', 1_000), line('tobacco', 1_000), line('promo', 1_001), line('vip', 1_000)], rules)).toBe(1_000 + 0 + 500 + 1_500);
  });

  it('never earns on more than the amount when no rate exceeds 1000‰ (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ category: fc.constantFrom('a', 'b', 'c'), amountFen: fc.integer({ min: 0, max: 1_000_000 }) }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 1000 }), (lines, rate) => {
        const items = lines.map((l) => line(l.category, l.amountFen));
        const total = items.reduce((s, l) => s + l.amountFen, 0);
        const earning = earningFen(total, items, { ...DEFAULT_ORDER_RULES, excludedCategories: ['c'], categoryRatesPermille: { b: rate } });
        return earning >= 0 && earning <= total;
      }),
    );
  });

  it('refuses lines that do not add up to the amount', () => {
    expect(() => assertLinesAddUp(1_000, [line('a', 999)])).toThrow(expect.objectContaining({ code: 'AMOUNT_MISMATCH' }));
    expect(() => assertLinesAddUp(1_000, [line('a', 400), line('b', 600)])).not.toThrow();
  });
});

describe('request signatures', () => {
  const parts = { method: 'POST', path: '/orders', timestamp: '1780000000', nonce: 'n0nce-0000000000001', body: Buffer.from('{"a":1}') };
  const now = new Date(1_780_000_000_000);

  it('accepts the signature over method, path, timestamp, nonce and body, and nothing else', () => {
    const signature = signRequest('s3cret-s3cret-s3cret', parts);
    expect(() => assertSigned(['s3cret-s3cret-s3cret'], parts, signature)).not.toThrow();
    for (const changed of [{ method: 'PUT' }, { path: '/orders/x' }, { timestamp: '1780000001' }, { nonce: 'n0nce-0000000000002' }, { body: Buffer.from('{"a":2}') }]) {
      expect(() => assertSigned(['s3cret-s3cret-s3cret'], { ...parts, ...changed }, signature)).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
    }
    expect(() => assertSigned(['another-secret-000000'], parts, signature)).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
    expect(() => assertSigned(['s3cret-s3cret-s3cret'], parts, 'not-hex')).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
  });

  it('accepts timestamps within 5 minutes either way', () => {
    expect(() => assertFresh(String(1_780_000_000 - MAX_SKEW_SECONDS), now)).not.toThrow();
    expect(() => assertFresh(String(1_780_000_000 + MAX_SKEW_SECONDS), now)).not.toThrow();
    for (const stale of [String(1_780_000_000 - MAX_SKEW_SECONDS - 1), String(1_780_000_000 + MAX_SKEW_SECONDS + 1), '', '1.5e9', '-1']) {
      expect(() => assertFresh(stale, now)).toThrow(expect.objectContaining({ code: 'TIMESTAMP_STALE' }));
    }
  });
});

describe('order keys', () => {
  it('keeps the till\'s ledger ids and separates channels', () => {
    const store = saleKeys(STORE_CHANNEL, 'A1');
    const shop = saleKeys('shop', 'A1');
    expect([store.earnEntryId, store.lotId, store.refundEntryId('R1')]).toEqual([ledgerIds.earn('A1'), lotIds.order('A1'), ledgerIds.refund('A1', 'R1')]);
    expect(store.orderId).not.toBe(shop.orderId);
    expect(store.earnEntryId).not.toBe(shop.earnEntryId);
    expect(store.refundEntryId('R1')).not.toBe(shop.refundEntryId('R1'));
    // A store order number that looks like a channel never collides with another channel's key.
    expect(saleKeys(STORE_CHANNEL, 'shop').orderId).not.toBe(saleKeys('shop', STORE_CHANNEL).orderId);
  });
});
