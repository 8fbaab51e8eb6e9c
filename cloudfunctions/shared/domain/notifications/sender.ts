import type { JobReport } from '../../../../typings/api';
import type { DeliveryState, NotificationSettings } from '../../../../typings/api/notify';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { MemberDoc, NotificationDoc } from '../../data/documents';
import { sendSubscribeMessage } from '../../data/open-api';
import { find, getById, patch, patchWhere } from '../../data/store';
import { logger } from '../../platform/logger';
import { walk } from '../jobs/walk';
import { reserveSend, settleReservation } from './preferences';
import { quietUntil } from './quiet-hours';
import { loadNotificationSettings } from './settings';
import { templateData, TemplateDataError } from './template-data';

/** A claimed message not settled within this long was interrupted mid-call (see 'unknown'). */
const LEASE_MS = 60_000;
/** Retry after a rate limit or a platform hiccup: later, never dropped. */
const RETRY_AFTER_MS = 30 * 60_000;

/** WeChat errcodes (subscribeMessage.send doc; global codes for limits and busy). */
const NO_QUOTA = 43101;
const RETRY_LATER = new Set([-1, 45009, 45011, 45047]);

type Outcome = Exclude<DeliveryState, 'queued' | 'sending'> | 'retry';

const final = (delivery: Exclude<DeliveryState, 'queued' | 'sending'>, errcode: number | null, now: Date): Partial<NotificationDoc> => ({ delivery, dueAt: null, leaseUntil: null, errcode, ...(delivery === 'sent' ? { sentAt: now } : {}) });

/**
 * Claims the message for this job: only one of several concurrent jobs moves it from queued to
 * sending (a conditional update), so each event is sent at most once.
 */
async function claim(doc: NotificationDoc, now: Date): Promise<boolean> {
  return (await patchWhere(COLLECTIONS.notifications, { _id: doc._id, delivery: 'queued', attempts: doc.attempts }, { delivery: 'sending', leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: doc.attempts + 1 })) === 1;
}

/** One message: checks, reservation, the open-API call, and the outcome recorded. */
async function deliver(doc: NotificationDoc, settings: NotificationSettings, now: Date): Promise<Outcome | null> {
  if (!(await claim(doc, now))) return null;
  const template = settings.templates.find((t) => t.kind === doc.kind);
  const member = await getById<MemberDoc>(COLLECTIONS.members, doc.memberId);
  let outcome: Outcome;
  let errcode: number | null = null;
  if (!template) outcome = 'no_template';
  else if (!member || member.status !== 'active' || !member.openid) outcome = 'refused';
  else {
    let data;
    try {
      data = templateData(template, doc.values);
    } catch (error) {
      if (!(error instanceof TemplateDataError)) throw error;
      logger.warn({ notification: doc._id, reason: error.message }, 'template data refused before sending');
      data = null;
    }
    if (!data) outcome = 'refused';
    else {
      const reservation = await reserveSend(doc.memberId, doc.kind, settings.caps, now);
      if (!reservation.ok) outcome = reservation.reason;
      else {
        try {
          const answer = await sendSubscribeMessage({ touser: member.openid, template_id: template.templateId, page: doc.page, data, miniprogram_state: settings.miniprogramState, lang: 'zh_CN' });
          errcode = answer.errcode;
          outcome = answer.errcode === 0 ? 'sent' : answer.errcode === NO_QUOTA ? 'no_quota' : RETRY_LATER.has(answer.errcode) ? 'retry' : 'refused';
          if (outcome !== 'sent') logger.warn({ notification: doc._id, errcode: answer.errcode, errmsg: answer.errmsg }, 'subscription message not sent');
        } catch (error) {
          // No answer (network, platform): nothing was delivered as far as we know; try again later.
          logger.warn({ err: error, notification: doc._id }, 'subscription message call failed');
          outcome = 'retry';
        }
        await settleReservation(doc.memberId, doc.kind, outcome === 'sent' ? 'sent' : outcome === 'no_quota' ? 'noQuota' : 'release', now, now);
      }
    }
  }
  const changes: Partial<NotificationDoc> =
    outcome === 'retry' ? { delivery: 'queued', dueAt: new Date(now.getTime() + RETRY_AFTER_MS), leaseUntil: null, errcode } : final(outcome, errcode, now);
  await patch(COLLECTIONS.notifications, doc._id, changes);
  return outcome;
}

/**
 * Messages a job claimed and never settled (it timed out or crashed between claim and record):
 * whether WeChat delivered is unknown, and a second send could double a message and spend quota
 * twice, so they are closed as 'unknown' rather than retried (they stay in the inbox).
 */
async function closeStale(now: Date): Promise<number> {
  const _ = command();
  const stale = await find<NotificationDoc>(COLLECTIONS.notifications, { delivery: 'sending', leaseUntil: _.lt(now) }, { limit: 100 });
  for (const doc of stale) await patchWhere(COLLECTIONS.notifications, { _id: doc._id, delivery: 'sending', leaseUntil: doc.leaseUntil }, final('unknown', null, now));
  return stale.length;
}

/**
 * The dispatch job: sends what is due, outside quiet hours. Nothing is lost: a message waits in
 * 'queued' through quiet hours and rate limits; the walk resumes where the time budget stopped it
 * on the next tick (handled messages leave the queue, so the next walk starts with the rest).
 */
export async function sendDueNotifications(now: Date, timeLeftMs: () => number): Promise<JobReport> {
  const settings = await loadNotificationSettings();
  const quiet = quietUntil(now, settings.quietHours);
  if (quiet) return { job: 'sendNotifications', scanned: 0, changed: 0, partial: false, details: { quietUntil: quiet.toISOString() } };
  const unknown = await closeStale(now);
  const _ = command();
  const counts: Partial<Record<Outcome, number>> = {};
  const result = await walk<NotificationDoc>(COLLECTIONS.notifications, { delivery: 'queued', dueAt: _.lte(now) }, { pageSize: 50, timeLeftMs }, async (docs) => {
    for (const doc of docs) {
      if (timeLeftMs() <= 0) return;
      const outcome = await deliver(doc, settings, now);
      if (outcome) counts[outcome] = (counts[outcome] ?? 0) + 1;
    }
  });
  return { job: 'sendNotifications', scanned: result.scanned, changed: counts.sent ?? 0, partial: result.cursor !== null, details: { ...counts, unknown } };
}
