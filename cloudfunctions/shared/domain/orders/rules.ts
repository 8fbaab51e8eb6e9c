import type { OrderRules } from '../../../../typings/api/orders';
import { COLLECTIONS } from '../../data/collections';
import type { SettingsDoc } from '../../data/documents';
import { getById } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { adminAudit, auditInTransaction } from '../audit/audit';
import { DEFAULT_ORDER_RULES } from './lines';

/** The brand's order rules live beside the other settings, one document; absent means the defaults. */
const KEY = 'orderRules';

export async function loadOrderRules(): Promise<OrderRules> {
  const doc = await getById<SettingsDoc<Partial<OrderRules>>>(COLLECTIONS.settings, KEY);
  return { ...DEFAULT_ORDER_RULES, ...doc?.value };
}

export async function saveOrderRules(actor: string, rules: OrderRules, now: Date): Promise<OrderRules> {
  await inTransaction(async (tx) => {
    await Promise.all([
      tx.put<SettingsDoc<OrderRules>>(COLLECTIONS.settings, { _id: KEY, value: rules, updatedAt: now }),
      auditInTransaction(tx, adminAudit(actor, 'integrations.setOrderRules', { ...rules }, now)),
    ]);
  });
  return rules;
}
