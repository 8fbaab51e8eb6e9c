import { SUBSCRIPTION_KINDS, type KindStatus, type NotificationSettings, type SubscribeChoice, type SubscriptionKind } from '../../../../typings/api/notify';
import { COLLECTIONS } from '../../data/collections';
import type { NotifyPrefsDoc } from '../../data/documents';
import { getById } from '../../data/store';
import { inTransaction, type Tx } from '../../data/transaction';
import { addDays, dayKey } from '../time/calendar';

/** Sends a one-time acceptance allows; more taps add more (WeChat counts each acceptance). */
const MAX_REMAINING = 50;

const emptyPrefs = (memberId: string, now: Date): NotifyPrefsDoc => ({ _id: memberId, remaining: {}, optedOut: [], sentByDay: {}, updatedAt: now });

export function kindStatuses(prefs: NotifyPrefsDoc | null, settings: NotificationSettings): KindStatus[] {
  return SUBSCRIPTION_KINDS.map((kind) => ({
    kind,
    templateId: settings.templates.find((t) => t.kind === kind)?.templateId ?? null,
    remaining: prefs?.remaining[kind] ?? 0,
    optedOut: prefs?.optedOut.includes(kind) ?? false,
  }));
}

export async function loadPrefs(memberId: string): Promise<NotifyPrefsDoc | null> {
  return getById<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, memberId);
}

/**
 * Records what the member chose in wx.requestSubscribeMessage (template id → choice, as the API
 * returns it): each accepted template of a configured kind adds one send. Unknown template ids
 * are ignored. Accepting a kind again also ends its opt-out: the tap is the member's newest word.
 */
export async function recordChoices(memberId: string, choices: Readonly<Record<string, SubscribeChoice>>, settings: NotificationSettings, now: Date): Promise<NotifyPrefsDoc> {
  const accepted = settings.templates.filter((t) => choices[t.templateId] === 'accept').map((t) => t.kind);
  return inTransaction(async (tx) => {
    const prefs = (await tx.get<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, memberId)) ?? emptyPrefs(memberId, now);
    const remaining = { ...prefs.remaining };
    for (const kind of accepted) remaining[kind] = Math.min(MAX_REMAINING, (remaining[kind] ?? 0) + 1);
    const next = { ...prefs, remaining, optedOut: prefs.optedOut.filter((k) => !accepted.includes(k)), updatedAt: now };
    await tx.put(COLLECTIONS.notifyPrefs, next);
    return next;
  });
}

export async function setOptOut(memberId: string, kind: SubscriptionKind, optedOut: boolean, now: Date): Promise<NotifyPrefsDoc> {
  return inTransaction(async (tx) => {
    const prefs = (await tx.get<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, memberId)) ?? emptyPrefs(memberId, now);
    const others = prefs.optedOut.filter((k) => k !== kind);
    const next = { ...prefs, optedOut: optedOut ? [...others, kind] : others, updatedAt: now };
    await tx.put(COLLECTIONS.notifyPrefs, next);
    return next;
  });
}

export type Reservation = { ok: true } | { ok: false; reason: 'opted_out' | 'no_quota' | 'capped' };

function sentWithin(sentByDay: Record<string, number>, now: Date, days: number): number {
  let total = 0;
  for (let i = 0; i < days; i += 1) total += sentByDay[dayKey(addDays(now, -i))] ?? 0;
  return total;
}

function recentDays(sentByDay: Record<string, number>, now: Date): Record<string, number> {
  const keep = new Set(Array.from({ length: 7 }, (_v, i) => dayKey(addDays(now, -i))));
  return Object.fromEntries(Object.entries(sentByDay).filter(([day]) => keep.has(day)));
}

/**
 * Takes one of the member's sends of this kind and one place under the caps, in one transaction,
 * before the call: two jobs can never both use the member's last send or last place. The send is
 * given back by `settle` unless WeChat accepted the message.
 */
export async function reserveSend(memberId: string, kind: SubscriptionKind, caps: NotificationSettings['caps'], now: Date): Promise<Reservation> {
  return inTransaction(async (tx): Promise<Reservation> => {
    const prefs = (await tx.get<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, memberId)) ?? emptyPrefs(memberId, now);
    if (prefs.optedOut.includes(kind)) return { ok: false, reason: 'opted_out' };
    if ((prefs.remaining[kind] ?? 0) <= 0) return { ok: false, reason: 'no_quota' };
    const sentByDay = recentDays(prefs.sentByDay, now);
    if (sentWithin(sentByDay, now, 1) >= caps.perDay || sentWithin(sentByDay, now, 7) >= caps.perWeek) return { ok: false, reason: 'capped' };
    const today = dayKey(now);
    await tx.put<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, {
      ...prefs,
      remaining: { ...prefs.remaining, [kind]: (prefs.remaining[kind] ?? 0) - 1 },
      sentByDay: { ...sentByDay, [today]: (sentByDay[today] ?? 0) + 1 },
      updatedAt: now,
    });
    return { ok: true };
  });
}

/**
 * After the call: 'sent' keeps the reservation; 'noQuota' (WeChat's 43101: the member has no
 * acceptance left there) gives the cap place back and zeroes the kind; 'release' (refused, or to be
 * retried) gives both back.
 */
export async function settleReservation(memberId: string, kind: SubscriptionKind, outcome: 'sent' | 'noQuota' | 'release', reservedAt: Date, now: Date): Promise<void> {
  if (outcome === 'sent') return;
  await inTransaction(async (tx: Tx) => {
    const prefs = await tx.get<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, memberId);
    if (!prefs) return;
    const day = dayKey(reservedAt);
    const sentByDay = { ...prefs.sentByDay, ...(prefs.sentByDay[day] ? { [day]: prefs.sentByDay[day] - 1 } : {}) };
    const remaining = { ...prefs.remaining, [kind]: outcome === 'noQuota' ? 0 : (prefs.remaining[kind] ?? 0) + 1 };
    await tx.put<NotifyPrefsDoc>(COLLECTIONS.notifyPrefs, { ...prefs, remaining, sentByDay, updatedAt: now });
  });
}
