import { z } from 'zod';
import { ledgerHistory } from '../shared/domain/points/history';
import { shopper } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';

/** The shopper's points ledger. */
export const main = defineFunction('points', {
  history: action({
    input: z.strictObject({ cursor: z.string().regex(/^[A-Za-z0-9_-]{1,300}$/, 'not a cursor from this API').optional(), limit: z.number().int().min(1).max(50).default(20) }),
    guard: shopper,
    run: (input, call, openid) => ledgerHistory(openid, input.cursor, input.limit, call.now),
  }),
});
