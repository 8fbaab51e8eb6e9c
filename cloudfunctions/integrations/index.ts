import { z } from 'zod';
import { importOrders } from '../shared/domain/orders/import';
import { createIntegration, listIntegrations, rotateSecret, setIntegrationActive } from '../shared/domain/orders/integrations';
import { loadOrderRules, saveOrderRules } from '../shared/domain/orders/rules';
import { admin } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { businessKey, documentId, empty } from '../shared/platform/schemas';

const channel = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'channel: lowercase letters, digits, - or _ (32 at most)');
const category = z.string().min(1).max(64);

/** The brand's order sources: integrations and their secrets, the order rules, historical imports. Admin only. */
export const main = defineFunction('integrations', {
  create: action({
    input: z.strictObject({ integrationId: documentId, name: z.string().trim().min(1).max(64), channel, storeIds: z.array(businessKey).max(100).optional() }),
    guard: admin,
    run: (input, call, actor) => createIntegration(actor, input, call.now),
  }),
  rotateSecret: action({
    input: z.strictObject({ integrationId: documentId }),
    guard: admin,
    run: (input, call, actor) => rotateSecret(actor, input.integrationId, call.now),
  }),
  setActive: action({
    input: z.strictObject({ integrationId: documentId, active: z.boolean() }),
    guard: admin,
    run: (input, call, actor) => setIntegrationActive(actor, input.integrationId, input.active, call.now),
  }),
  list: action({ input: empty, guard: admin, run: async () => ({ integrations: await listIntegrations() }) }),
  getOrderRules: action({ input: empty, guard: admin, run: () => loadOrderRules() }),
  setOrderRules: action({
    input: z.strictObject({
      excludedCategories: z.array(category).max(200),
      categoryRatesPermille: z.record(category, z.number().int().min(0).max(10_000)),
      unclaimedDays: z.number().int().min(0).max(365),
    }),
    guard: admin,
    run: (input, call, actor) => saveOrderRules(actor, input, call.now),
  }),
  importOrders: action({
    input: z.strictObject({ importId: documentId, format: z.enum(['jsonl', 'csv']), text: z.string().min(1).max(900_000) }),
    guard: admin,
    run: (input, call, actor) => importOrders(actor, input, call.now, call.timeLeftMs),
  }),
});
