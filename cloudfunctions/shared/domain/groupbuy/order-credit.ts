import { COLLECTIONS } from '../../data/collections';
import type { GroupPaymentDoc, MemberDoc, OrderDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { auditInTransaction } from '../audit/audit';
import { loadConfiguration } from '../settings/service';
import { applyPurchase, purchaseReceipt } from '../till/purchase';
import { groupOrderNo } from './seats';

/** The "staff" a group-buy order is credited by, and the "store" it is recorded at. */
const GROUPBUY_ACTOR = { _id: 'groupbuy' } as const;
const ONLINE_STORE = 'online';

/**
 * The one place a paid group-buy order becomes a purchase: points, growth and tier through the
 * till's purchase effect (till/purchase.ts `applyPurchase`), written with the payment's move to
 * `confirmed` in one transaction, so a retried or concurrent confirmation credits at most once.
 * When order ingestion gains a shared purchase path, this call is the one to repoint.
 * Referral rewards are not applied here (the till's referral step needs its session context).
 */
export async function creditGroupOrder(outTradeNo: string, now: Date): Promise<boolean> {
  const config = await loadConfiguration();
  const orderNo = groupOrderNo(outTradeNo);
  return inTransaction(async (tx) => {
    const payment = await tx.get<GroupPaymentDoc>(COLLECTIONS.groupPayments, outTradeNo);
    if (!payment || payment.status !== 'paid') return false;
    const [member, existing] = await Promise.all([tx.get<MemberDoc>(COLLECTIONS.members, payment.memberId), tx.get<OrderDoc>(COLLECTIONS.orders, orderNo)]);
    const confirmed = { status: 'confirmed', orderNo, confirmedAt: now, updatedAt: now };
    if (existing || !member || member.status !== 'active') {
      // Already credited (a lost commit answer), or nobody left to credit: the money is kept, the payment settles.
      await tx.patch(COLLECTIONS.groupPayments, outTradeNo, { ...confirmed, orderNo: existing ? orderNo : null });
      return true;
    }
    const input = { orderNo, amountFen: payment.totalFee };
    const effect = applyPurchase(member, GROUPBUY_ACTOR, input, config, now);
    const receipt = purchaseReceipt(member, effect, input, config, now);
    const order: OrderDoc = {
      _id: orderNo, orderNo, memberId: member._id, storeId: ONLINE_STORE, staffId: GROUPBUY_ACTOR._id, amountFen: payment.totalFee, refundedFen: 0,
      pointsEarned: effect.points, pointsReversed: 0, growthAdded: effect.growthAdded, growthReversed: 0, growthMonth: effect.month,
      lotId: effect.lotId, debtRepaid: effect.debtRepaid, refunds: [], createdAt: now, receipt,
    };
    await Promise.all([
      tx.put(COLLECTIONS.members, effect.next),
      tx.create(COLLECTIONS.orders, order),
      ...effect.entries.map((entry) => tx.create(COLLECTIONS.ledger, entry)),
      ...(effect.tierHistory ? [tx.create(COLLECTIONS.tierHistory, effect.tierHistory)] : []),
      tx.patch(COLLECTIONS.groupPayments, outTradeNo, confirmed),
      auditInTransaction(tx, {
        actor: { kind: 'system', id: 'groupbuy.confirm' },
        storeId: null,
        memberId: member._id,
        action: 'groupbuy.confirmOrder',
        outcome: 'ok',
        detail: { outTradeNo, orderNo, amountFen: payment.totalFee, points: receipt.pointsEarned, groupId: payment.groupId },
        at: now,
      }),
    ]);
    return true;
  });
}
