import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import { count } from '../../cloudfunctions/shared/data/store';
import { ManualClock, currentClock, useClock } from '../../cloudfunctions/shared/platform/clock';
import { DEFAULT_SETTINGS } from '../../cloudfunctions/shared/domain/settings/defaults';
import { loadAdminOpenids } from '../../cloudfunctions/shared/domain/settings/service';
import type { Caller } from 'cloudbase-local-emulator';
import { DEMO_CAMPAIGNS } from './campaigns';
import { DEMO_MEMBER_COUNT, DEMO_SHOPPER_OPENID, DEMO_STAFF, DEMO_STORES } from './demo-brand';
import { DEMO_REFERRAL_SETTINGS, demoCouponTemplates, demoGroupBuyDeal } from './growth';
import { demoHistory, type DemoEvent } from './history';
import { DEMO_NOTIFICATION_SETTINGS, DEMO_SHOPPER_CHOICES } from './notifications';
import { DEMO_CONSOLE_ACCOUNTS } from './console-accounts';

export interface SeedContext {
  /** Invoke a cloud function as the console would (no end-user identity). */
  invokeAdmin(functionName: string, event: Record<string, unknown>): Promise<unknown>;
  /** Invoke a cloud function as a given caller (a shopper or staff member in the mini-program). */
  invoke(functionName: string, event: Record<string, unknown>, caller: Caller): Promise<unknown>;
  log(message: string): void;
  /**
   * Feeds a wx.requestSubscribeMessage result to the platform's side (the emulator's quota), as the
   * dev transport does after a tap; absent = the demo shopper's acceptance is recorded only in our data.
   */
  recordSubscription?(openid: string, result: Record<string, unknown>): void;
  /** Creates a CloudBase username/password account on the emulator (console sign-in); absent: none made. */
  upsertAccount?(input: { username: string; password: string; name: string }): { uid: string };
}

/** small: the demo identities and 12 members; full: 301 members, ~1,300 purchases (about a minute). */
export type DemoSeedSize = 'small' | 'full';
export const DEMO_SEED_MEMBERS: Record<DemoSeedSize, number> = { small: 12, full: DEMO_MEMBER_COUNT };

export interface SeedResult {
  seeded: boolean;
  summary: string;
}

type Envelope = { ok: true; data: unknown } | { ok: false; code: string; message: string };

function unwrap<T>(result: unknown, what: string): T {
  const envelope = result as Envelope;
  if (!envelope.ok) throw new Error(`demo seed: ${what} failed: ${envelope.code} ${envelope.message}`);
  return envelope.data as T;
}

const DAY = 24 * 3600_000;
/** The second admin who approves the demo campaigns (listed only while the seed approves them). */
const DEMO_CAMPAIGN_REVIEWER = 'o_demo_campaign_reviewer';
const PARALLEL = 6;

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/**
 * Seeds the demo brand on first start, through the real functions (so the data obeys every
 * rule the product enforces): stores, staff, then a year of member history replayed day by
 * day with the clock set to that day, then the maintenance jobs at the real time.
 */
export async function seedDemoIfEmpty(ctx: SeedContext, options: { members?: number; size?: DemoSeedSize } = {}): Promise<SeedResult> {
  if ((await count(COLLECTIONS.stores, {})) > 0) return { seeded: false, summary: 'demo seed: data folder already has a brand; nothing seeded' };
  const admin = async <T = unknown>(fn: string, action: string, body: Record<string, unknown> = {}) => unwrap<T>(await ctx.invokeAdmin(fn, { action, ...body }), `${fn}.${action}`);
  const as = (openid: string) => async <T>(fn: string, action: string, body: Record<string, unknown> = {}) =>
    unwrap<T>(await ctx.invoke(fn, { action, ...body }, { openid, source: 'wx_client' }), `${fn}.${action} as ${openid}`);

  for (const store of DEMO_STORES) await admin('admin', 'upsertStore', { ...store });
  for (const staff of DEMO_STAFF) await admin('admin', 'upsertStaff', { ...staff });
  const realNow = currentClock().now();
  for (const template of demoCouponTemplates(realNow)) await admin('coupon', 'upsertTemplate', template);
  await admin('groupbuy', 'upsertDeal', demoGroupBuyDeal(realNow));
  await admin('referral', 'updateSettings', DEMO_REFERRAL_SETTINGS);
  ctx.log(`demo seed: ${DEMO_STORES.length} stores, ${DEMO_STAFF.length} staff, coupon templates, a group-buy deal, referral settings`);

  const events = demoHistory(realNow, options.members ?? DEMO_SEED_MEMBERS[options.size ?? 'full']);
  const byDay = new Map<number, DemoEvent[]>();
  for (const event of events) {
    const day = Math.floor(event.at / DAY);
    byDay.set(day, [...(byDay.get(day) ?? []), event]);
  }
  const clock = new ManualClock(realNow);
  const restore = useClock(clock);
  let done = 0;
  let nextReport = 0.1;
  try {
    for (const [, dayEvents] of [...byDay].sort((a, b) => a[0] - b[0])) {
      clock.set(new Date(dayEvents[0].at));
      // Joins, then purchases, then refunds: a refund never runs before its purchase.
      for (const kind of ['join', 'purchase', 'refund'] as const) {
        await inBatches(dayEvents.filter((e) => e.kind === kind), PARALLEL, async (event) => {
          if (event.kind === 'join') {
            await as(event.openid)('member', 'register', { consentVersion: DEFAULT_SETTINGS.privacyPolicyVersion, nickname: event.nickname, birthday: event.birthday });
          } else {
            // Purchases and refunds both happen on a till session opened by scanning the shopper's code.
            const { code } = await as(event.openid)<{ code: string }>('member', 'code');
            const { sessionId } = await as(event.staffOpenid)<{ sessionId: string }>('staff', 'scan', { code });
            if (event.kind === 'purchase') await as(event.staffOpenid)('staff', 'recordPurchase', { sessionId, orderNo: event.orderNo, amountFen: event.amountFen });
            else await as(event.staffOpenid)('staff', 'recordRefund', { sessionId, orderNo: event.orderNo, refundNo: event.refundNo, amountFen: event.amountFen });
          }
        });
      }
      done += dayEvents.length;
      if (done / events.length >= nextReport) {
        ctx.log(`demo seed: history ${Math.round((100 * done) / events.length)}% (${done}/${events.length} events)`);
        nextReport += 0.1;
      }
    }
  } finally {
    restore();
  }
  for (const job of ['settlePending', 'expirePoints', 'reviewTiers']) await admin('jobs', job);
  await admin('campaign', 'recomputeSegments');
  // Four-eyes: the console submits each demo campaign and a reviewer openid, listed as an admin
  // only for this step, approves it; the admin list is put back afterwards.
  const admins = await loadAdminOpenids();
  await admin('admin', 'setAdmins', { openids: [...admins, DEMO_CAMPAIGN_REVIEWER] });
  // Subscription templates, and the demo shopper's taps on 订阅 (a campaign reward below then queues a message).
  await admin('notify', 'configure', { settings: DEMO_NOTIFICATION_SETTINGS });
  await as(DEMO_SHOPPER_OPENID)('notify', 'recordChoices', { choices: DEMO_SHOPPER_CHOICES });
  ctx.recordSubscription?.(DEMO_SHOPPER_OPENID, { errMsg: 'requestSubscribeMessage:ok', ...DEMO_SHOPPER_CHOICES });
  for (const campaign of DEMO_CAMPAIGNS) {
    await admin('campaign', 'create', { ...campaign });
    await admin('campaign', 'submit', { campaignId: campaign.campaignId });
    await as(DEMO_CAMPAIGN_REVIEWER)('campaign', 'approve', { campaignId: campaign.campaignId });
    let run = await admin<{ partial: boolean; granted: number }>('campaign', 'trigger', { campaignId: campaign.campaignId });
    while (run.partial) run = await admin<{ partial: boolean; granted: number }>('campaign', 'trigger', { campaignId: campaign.campaignId });
    ctx.log(`demo seed: campaign ${campaign.name} granted to ${run.granted} members`);
  }
  await admin('admin', 'setAdmins', { openids: admins });
  if (ctx.upsertAccount) {
    for (const account of DEMO_CONSOLE_ACCOUNTS) {
      const { uid } = ctx.upsertAccount({ username: account.username, password: account.password, name: account.name });
      await admin('admin', 'upsertAdmin', { uid, username: account.username, name: account.name, role: account.role });
    }
    ctx.log(`demo seed: console accounts ${DEMO_CONSOLE_ACCOUNTS.map((a) => `${a.username} (${a.role})`).join(', ')}`);
  }
  const members = await count(COLLECTIONS.members, {});
  const orders = await count(COLLECTIONS.orders, {});
  return { seeded: true, summary: `demo seed: ${members} members, ${orders} orders, ${events.filter((e) => e.kind === 'refund').length} refunds replayed over ${byDay.size} days` };
}
