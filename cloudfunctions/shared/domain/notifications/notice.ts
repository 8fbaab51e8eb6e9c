import type { NotificationType } from '../../../../typings/api/notify';
import { COLLECTIONS } from '../../data/collections';
import type { NotificationDoc } from '../../data/documents';
import { isDuplicateWrite } from '../../data/sdk-error';
import { command } from '../../data/database';
import { find, insert, insertMany } from '../../data/store';
import type { Tx } from '../../data/transaction';
import { keyId } from '../../platform/ids';
import { NOTIFICATION_TYPES } from './catalogue';

export interface NotificationEvent {
  type: NotificationType;
  memberId: string;
  /** What makes this event one event (order number, group id, expiry day…): retries raise the same key. */
  eventKey: string;
  values: Record<string, string>;
}

export const notificationId = (event: Pick<NotificationEvent, 'type' | 'eventKey' | 'memberId'>): string => keyId('notice', event.type, event.eventKey, event.memberId);

/**
 * The inbox entry and queue item of one event. It is due at once: the sender, not the producer,
 * applies quiet hours, caps, opt-outs and quota, so producers need no settings.
 */
export function notificationDoc(event: NotificationEvent, now: Date): NotificationDoc {
  const spec = NOTIFICATION_TYPES[event.type];
  return {
    _id: notificationId(event),
    memberId: event.memberId,
    type: event.type,
    kind: spec.kind,
    eventKey: event.eventKey,
    values: event.values,
    title: spec.title,
    body: spec.body(event.values),
    page: spec.page,
    createdAt: now,
    readAt: null,
    delivery: 'queued',
    dueAt: now,
    attempts: 0,
    leaseUntil: null,
    sentAt: null,
    errcode: null,
    openedAt: null,
  };
}

/**
 * Raises a notification inside the business transaction that makes the event happen, so the
 * event and its notification commit together (once: the transaction itself runs once per event).
 */
export async function notifyInTransaction(tx: Tx, event: NotificationEvent, now: Date): Promise<void> {
  await tx.create(COLLECTIONS.notifications, notificationDoc(event, now));
}

/** Raises a notification outside a transaction (daily reminders); false when this event was already raised. */
export async function notify(event: NotificationEvent, now: Date): Promise<boolean> {
  try {
    await insert(COLLECTIONS.notifications, notificationDoc(event, now));
    return true;
  } catch (error) {
    if (isDuplicateWrite(error)) return false;
    throw error;
  }
}

/**
 * Raises a page of events at once (the reminder walks): one read for the ids already raised, one
 * insert for the rest. A concurrent run that inserted some meanwhile makes the batch fail as a
 * duplicate; then each is raised on its own. Returns how many were new.
 */
export async function notifyMany(events: readonly NotificationEvent[], now: Date): Promise<number> {
  if (events.length === 0) return 0;
  const docs = events.map((event) => notificationDoc(event, now));
  const known = await find<{ _id: string }>(COLLECTIONS.notifications, { _id: command().in(docs.map((d) => d._id)) }, { fields: { _id: true }, limit: docs.length });
  const seen = new Set(known.map((d) => d._id));
  const fresh = docs.filter((d) => !seen.has(d._id));
  if (fresh.length === 0) return 0;
  try {
    await insertMany(COLLECTIONS.notifications, fresh);
    return fresh.length;
  } catch (error) {
    if (!isDuplicateWrite(error)) throw error;
    let raised = 0;
    for (const event of events) if (await notify(event, now)) raised += 1;
    return raised;
  }
}
