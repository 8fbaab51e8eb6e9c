import type { HeldRepair } from '../../../../typings/api/groupbuy';
import { COLLECTIONS } from '../../data/collections';
import { reconcileCount, returnUnit as giveBack, takeUnit as take, type CountedStock } from '../../data/counted-stock';
import { command } from '../../data/database';
import type { GroupDealDoc } from '../../data/documents';
import { count } from '../../data/store';
import { AppError } from '../../platform/app-error';

/** A deal's stock: `groupsHeld` of `groupStock`, taken outside transactions (data/counted-stock.ts). */
const DEAL_STOCK: CountedStock = {
  collection: COLLECTIONS.groupDeals,
  stockField: 'groupStock',
  countField: 'groupsHeld',
  settleMs: 20_000, // cloudfunctions/groupbuy/config.json timeout
};

/** Takes one of the deal's groups or answers GROUPBUY_SOLD_OUT. */
export async function takeGroup(deal: GroupDealDoc, now: Date): Promise<void> {
  const outcome = await take(DEAL_STOCK, { ...deal }, now);
  if (outcome === 'missing') throw new AppError('GROUPBUY_NOT_FOUND', '拼团活动不存在');
  if (outcome === 'sold_out') throw new AppError('GROUPBUY_SOLD_OUT', '拼团名额已满');
}

export function returnGroup(dealId: string): Promise<void> {
  return giveBack(DEAL_STOCK, dealId);
}

/** Repair after a crash: the deal's held count back to its groups open or succeeded. */
export async function reconcileHeld(dealId: string, now: Date): Promise<HeldRepair> {
  const _ = command();
  const repair = await reconcileCount(DEAL_STOCK, dealId, () => count(COLLECTIONS.groups, { dealId, status: _.in(['open', 'succeeded']) }), now);
  if (!repair) throw new AppError('GROUPBUY_NOT_FOUND', '拼团活动不存在');
  return { dealId, held: repair.counted, groups: repair.issued, repaired: repair.repaired, settled: repair.settled };
}
