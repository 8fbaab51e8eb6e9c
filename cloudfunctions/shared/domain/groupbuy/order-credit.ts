import { COLLECTIONS } from '../../data/collections';
import type { GroupPaymentDoc, MemberDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { saleKeys } from '../orders/keys';
import { creditSale } from '../orders/sale';
import { loadConfiguration } from '../settings/service';
import { groupOrderNo } from './seats';

/** Group-buy orders are their own order-number namespace (docs/order-feed.md, channels). */
export const GROUPBUY_CHANNEL = 'groupbuy';
/** The "store" a group-buy order is recorded at. */
const ONLINE_STORE = 'online';

/**
 * The one place a paid group-buy order becomes a purchase: points, growth, tier, referral and
 * campaign multipliers through the shared sale path (domain/orders/sale.ts, the till's and the
 * order feed's too), written with the payment's move to `confirmed` in one transaction, so a
 * retried or concurrent confirmation credits at most once (idempotent by channel + order number).
 */
export async function creditGroupOrder(outTradeNo: string, now: Date): Promise<boolean> {
  const config = await loadConfiguration();
  const orderNo = groupOrderNo(outTradeNo);
  return inTransaction(async (tx) => {
    const payment = await tx.get<GroupPaymentDoc>(COLLECTIONS.groupPayments, outTradeNo);
    if (!payment || payment.status !== 'paid') return false;
    const [member, existing] = await Promise.all([tx.get<MemberDoc>(COLLECTIONS.members, payment.memberId), tx.get(COLLECTIONS.orders, saleKeys(GROUPBUY_CHANNEL, orderNo).orderId)]);
    const confirmed = { status: 'confirmed', orderNo, confirmedAt: now, updatedAt: now };
    if (existing || !member || member.status !== 'active') {
      // Already credited (a lost commit answer), or nobody left to credit: the money is kept, the payment settles.
      await tx.patch(COLLECTIONS.groupPayments, outTradeNo, { ...confirmed, orderNo: existing ? orderNo : null });
      return true;
    }
    await creditSale(
      tx,
      {
        sale: { channel: GROUPBUY_CHANNEL, orderNo, amountFen: payment.totalFee, storeId: ONLINE_STORE, actor: 'system:groupbuy.confirm' },
        memberId: member._id,
        recordedBy: 'groupbuy',
        config,
        audit: { actor: { kind: 'system', id: 'groupbuy.confirm' }, action: 'groupbuy.confirmOrder', detail: { outTradeNo, groupId: payment.groupId } },
      },
      now,
      { read: () => Promise.resolve(null), check: () => () => [tx.patch(COLLECTIONS.groupPayments, outTradeNo, confirmed)] },
    );
    return true;
  });
}
