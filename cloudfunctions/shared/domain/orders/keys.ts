import { keyId } from '../../platform/ids';

/**
 * The channel whose order numbers the till records: a store's receipt numbers. A store POS
 * integration uses the same channel, so a sale the cashier typed in and the POS also reported
 * is credited once (docs/order-feed.md, "One sale, one credit").
 */
export const STORE_CHANNEL = 'store';

/**
 * Every id a sale writes, from (channel, order number). Orders are `keyId('order', channel,
 * orderNo)` in every channel. Ledger entries, lots and upgrade records of the `store` channel
 * keep the tuples they had before channels existed (so existing entries stay where they are);
 * other channels add the channel as one more tuple part, which keyId keeps distinct.
 */
export function saleKeys(channel: string, orderNo: string) {
  const parts: string[] = channel === STORE_CHANNEL ? [orderNo] : [orderNo, channel];
  return {
    orderId: keyId('order', channel, orderNo),
    lotId: keyId('o', ...parts),
    earnEntryId: keyId('earn', ...parts),
    upgradeId: keyId('upgrade', ...parts),
    refundEntryId: (refundNo: string) => keyId('refund', ...parts, refundNo),
  };
}

/** The id of an order kept for a customer who has not joined yet (same key, its own collection). */
export function unclaimedOrderId(channel: string, orderNo: string): string {
  return keyId('unclaimed', channel, orderNo);
}
