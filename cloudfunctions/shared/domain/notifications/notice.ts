import type { NotificationType } from '../../../../typings/api/notify';
import { COLLECTIONS } from '../../data/collections';
import type { NotificationDoc } from '../../data/documents';
import { isDuplicateWrite } from '../../data/sdk-error';
import { insert } from '../../data/store';
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
