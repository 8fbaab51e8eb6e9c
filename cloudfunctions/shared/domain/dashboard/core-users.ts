import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import { aggregate } from '../../data/store';
import { CORE_USER_MIN_ORDERS } from './targets';

/**
 * Core users of a range and their net spend, in one aggregation over the range's orders
 * (orders.createdAt): members with CORE_USER_MIN_ORDERS or more purchases in the range; net
 * spend is amount minus what has been refunded on those orders (refunds recorded so far).
 */
export async function coreUsers(from: Date, to: Date): Promise<{ count: number; netSpendFen: number }> {
  const _ = command();
  const $ = _.aggregate;
  const rows = await aggregate<{ core: number; spent: number }>(COLLECTIONS.orders, (agg) =>
    agg
      .match({ createdAt: _.gte(from).and(_.lte(to)) })
      .group({ _id: '$memberId', orders: $.sum(1), spent: $.sum($.subtract(['$amountFen', '$refundedFen'])) })
      .match({ orders: _.gte(CORE_USER_MIN_ORDERS) })
      .group({ _id: null, core: $.sum(1), spent: $.sum('$spent') }),
  );
  return { count: rows[0]?.core ?? 0, netSpendFen: rows[0]?.spent ?? 0 };
}
