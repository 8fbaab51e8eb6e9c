import type { FeedbackCategory, FeedbackStatus, FeedbackView } from '../../../../typings/api/feedback';
import { COLLECTIONS } from '../../data/collections';
import type { FeedbackDoc } from '../../data/documents';
import { isDuplicateWrite } from '../../data/sdk-error';
import { find, getById, insert, put } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { keyId } from '../../platform/ids';
import { adminAudit, recordAudit } from '../audit/audit';
import { requireMemberByOpenid } from '../members/directory';
import { toIso } from '../time/calendar';

export function feedbackView(doc: FeedbackDoc): FeedbackView {
  return { feedbackId: doc._id, category: doc.category, text: doc.text, orderNo: doc.orderNo, status: doc.status, reply: doc.reply, createdAt: toIso(doc.createdAt), updatedAt: toIso(doc.updatedAt) };
}

export interface FeedbackInput {
  category: FeedbackCategory;
  text: string;
  orderNo?: string;
  requestKey: string;
}

/** Files the member's feedback; the id derives from member and request key, so a retry returns the first. */
export async function submitFeedback(openid: string, input: FeedbackInput, now: Date): Promise<FeedbackView> {
  const member = await requireMemberByOpenid(openid);
  const id = keyId('feedback', member._id, input.requestKey);
  const doc: FeedbackDoc = { _id: id, memberId: member._id, category: input.category, text: input.text, orderNo: input.orderNo ?? null, status: 'open', reply: null, createdAt: now, updatedAt: now };
  try {
    await insert(COLLECTIONS.feedback, doc);
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    const first = await getById<FeedbackDoc>(COLLECTIONS.feedback, id);
    if (!first) throw error;
    if (first.text !== input.text || first.category !== input.category) throw new AppError('KEY_CONFLICT', 'requestKey was already used for different feedback');
    return feedbackView(first);
  }
  return feedbackView(doc);
}

export async function myFeedback(openid: string): Promise<{ items: FeedbackView[] }> {
  const member = await requireMemberByOpenid(openid);
  const docs = await find<FeedbackDoc>(COLLECTIONS.feedback, { memberId: member._id }, { orderBy: [['createdAt', 'desc']], limit: 50 });
  return { items: docs.map(feedbackView) };
}

export async function listFeedback(status: FeedbackStatus | undefined): Promise<{ items: Array<FeedbackView & { memberId: string }> }> {
  const docs = await find<FeedbackDoc>(COLLECTIONS.feedback, status ? { status } : {}, { orderBy: [['createdAt', 'desc']], limit: 100 });
  return { items: docs.map((doc) => ({ ...feedbackView(doc), memberId: doc.memberId })) };
}

export async function setFeedbackStatus(input: { feedbackId: string; status: FeedbackStatus; reply?: string }, actor: string, now: Date): Promise<FeedbackView> {
  const doc = await getById<FeedbackDoc>(COLLECTIONS.feedback, input.feedbackId);
  if (!doc) throw new AppError('FEEDBACK_NOT_FOUND', `feedback ${input.feedbackId} does not exist`);
  const updated: FeedbackDoc = { ...doc, status: input.status, reply: input.reply ?? doc.reply, updatedAt: now };
  await put(COLLECTIONS.feedback, updated);
  await recordAudit(adminAudit(actor, 'feedback.setStatus', { feedbackId: doc._id, from: doc.status, to: input.status, replied: input.reply !== undefined }, now, { memberId: doc.memberId }));
  return feedbackView(updated);
}
