import type { InboxItem } from '../../../../typings/api/notify';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { NotificationDoc } from '../../data/documents';
import { count, find, patchWhere } from '../../data/store';
import { addDays } from '../time/calendar';

const PAGE = 20;

const itemOf = (doc: NotificationDoc): InboxItem => ({ id: doc._id, type: doc.type, title: doc.title, body: doc.body, page: doc.page, createdAt: doc.createdAt.toISOString(), read: doc.readAt !== null });

const unreadOf = (memberId: string): Promise<number> => count(COLLECTIONS.notifications, { memberId, readAt: null });

/** 消息中心: every notification the member was due, newest first, whatever happened to its message. */
export async function inbox(memberId: string, before: string | undefined): Promise<{ items: InboxItem[]; unread: number; next: string | null }> {
  const _ = command();
  const where = before ? { memberId, createdAt: _.lt(new Date(before)) } : { memberId };
  const [docs, unread] = await Promise.all([find<NotificationDoc>(COLLECTIONS.notifications, where, { orderBy: [['createdAt', 'desc']], limit: PAGE }), unreadOf(memberId)]);
  return { items: docs.map(itemOf), unread, next: docs.length === PAGE ? docs[docs.length - 1].createdAt.toISOString() : null };
}

/** Marks the given entries (or all) read; only the member's own entries match. */
export async function markRead(memberId: string, ids: readonly string[] | undefined, now: Date): Promise<{ unread: number }> {
  const _ = command();
  await patchWhere(COLLECTIONS.notifications, { memberId, readAt: null, ...(ids ? { _id: _.in([...ids]) } : {}) }, { readAt: now });
  return { unread: await unreadOf(memberId) };
}

/**
 * "Opened the mini-program" for the KPI: the member loaded the card (the home tab, loaded at every
 * launch) or the inbox. Marks their messages sent in the 7 days before as opened, first time only.
 */
export async function noteOpened(memberId: string, now: Date): Promise<void> {
  const _ = command();
  await patchWhere(COLLECTIONS.notifications, { memberId, delivery: 'sent', openedAt: null, sentAt: _.gte(addDays(now, -7)) }, { openedAt: now });
}
