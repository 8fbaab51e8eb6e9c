import type { NotificationReportRow, NotificationType } from '../../../../typings/api/notify';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { NotificationDoc } from '../../data/documents';
import { walk } from '../jobs/walk';
import { NOTIFICATION_TYPES } from './catalogue';

const emptyRow = (type: NotificationType): NotificationReportRow => ({ type, due: 0, sent: 0, refused: 0, noQuota: 0, optedOut: 0, capped: 0, queued: 0, openedWithin7Days: 0, openRate: 0 });

/**
 * KPI: per type, notifications raised in [from, to) and what became of their messages, and the
 * share of sent messages whose member opened the mini-program within 7 days (inbox.ts noteOpened).
 * Walks the period's notifications by id (an admin report, not a hot path); `complete` is false when
 * the time budget ran out first.
 */
export async function notificationReport(from: Date, to: Date, timeLeftMs: () => number): Promise<{ rows: NotificationReportRow[]; complete: boolean }> {
  const _ = command();
  const rows = new Map<NotificationType, NotificationReportRow>((Object.keys(NOTIFICATION_TYPES) as NotificationType[]).map((t) => [t, emptyRow(t)]));
  const result = await walk<NotificationDoc>(COLLECTIONS.notifications, { createdAt: _.gte(from).and(_.lt(to)) }, { pageSize: 1000, timeLeftMs }, async (page) => {
    for (const doc of page) {
      const row = rows.get(doc.type) ?? emptyRow(doc.type);
      row.due += 1;
      if (doc.delivery === 'sent') row.sent += 1;
      else if (doc.delivery === 'refused' || doc.delivery === 'unknown') row.refused += 1;
      else if (doc.delivery === 'no_quota' || doc.delivery === 'no_template') row.noQuota += 1;
      else if (doc.delivery === 'opted_out') row.optedOut += 1;
      else if (doc.delivery === 'capped') row.capped += 1;
      else row.queued += 1;
      if (doc.delivery === 'sent' && doc.openedAt && doc.sentAt && doc.openedAt.getTime() - doc.sentAt.getTime() <= 7 * 86_400_000) row.openedWithin7Days += 1;
      rows.set(doc.type, row);
    }
  });
  return {
    rows: [...rows.values()].map((row) => ({ ...row, openRate: row.sent === 0 ? 0 : Math.round((row.openedWithin7Days / row.sent) * 1000) / 1000 })),
    complete: result.cursor === null,
  };
}
