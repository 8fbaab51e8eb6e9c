import { z } from 'zod';
import { listFeedback, myFeedback, setFeedbackStatus, submitFeedback } from '../shared/domain/feedback/feedback';
import { npsPrompt, recordNps } from '../shared/domain/feedback/nps';
import { admin, shopper } from '../shared/platform/guards';
import { FOLLOW_UP } from '../shared/platform/roles';
import { action, defineFunction } from '../shared/platform/handler';
import { businessKey, documentId, empty } from '../shared/platform/schemas';

const category = z.enum(['product', 'service', 'store', 'points', 'app', 'other']);
const status = z.enum(['open', 'in_progress', 'resolved', 'closed']);

/** Feedback the member files and follows, the NPS question after a purchase, and the brand's answers. */
export const main = defineFunction('feedback', {
  submit: action({
    input: z.strictObject({ category, text: z.string().trim().min(5, 'at least 5 characters').max(500), orderNo: businessKey.optional(), requestKey: businessKey }),
    guard: shopper,
    run: (input, call, openid) => submitFeedback(openid, input, call.now),
  }),
  mine: action({ input: empty, guard: shopper, run: (_input, _call, openid) => myFeedback(openid) }),
  npsPrompt: action({ input: empty, guard: shopper, run: (_input, call, openid) => npsPrompt(openid, call.now) }),
  answerNps: action({
    input: z.strictObject({ score: z.number().int().min(0).max(10), comment: z.string().trim().max(200).optional() }),
    guard: shopper,
    run: (input, call, openid) => recordNps(openid, input.score, input.comment || null, call.now),
  }),
  dismissNps: action({
    input: empty,
    guard: shopper,
    run: async (_input, call, openid) => ({ period: (await recordNps(openid, null, null, call.now)).period }),
  }),
  list: action({ input: z.strictObject({ status: status.optional() }), guard: admin, roles: FOLLOW_UP, run: (input) => listFeedback(input.status) }),
  setStatus: action({
    input: z.strictObject({ feedbackId: documentId, status, reply: z.string().trim().min(1).max(500).optional() }),
    guard: admin, roles: FOLLOW_UP,
    run: (input, call, actor) => setFeedbackStatus(input, actor, call.now),
  }),
});
