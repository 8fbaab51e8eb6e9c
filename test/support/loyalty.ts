import type { ApiResult } from '../../typings/envelope';
import type { ErrorCode } from '../../typings/errors';
import type { ActionName, FunctionName, RequestOf, ResponseOf } from '../../typings/api';
import type { CouponTemplateInput } from '../../typings/api/coupon';
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { MemberDoc } from '../../cloudfunctions/shared/data/documents';
import { findOne } from './inspect';
import { ManualClock, useClock } from '../../cloudfunctions/shared/platform/clock';
import { DEFAULT_SETTINGS } from '../../cloudfunctions/shared/domain/settings/defaults';
import { startTestEmulator, type TestEmulator } from './emulator';

/** A typed caller: `call('member', 'card', {})` → the action's response type or a thrown ApiFailure. */
export type Typed = <F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, request?: RequestOf<F, A>) => Promise<ResponseOf<F, A>>;
export type Raw = (fn: FunctionName, action: string, request?: Record<string, unknown>) => Promise<ApiResult<unknown>>;

export class ApiError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(`${code}: ${message}`);
  }
}

export interface Actor {
  call: Typed;
  raw: Raw;
}

/** A typed caller over one way of sending an event to a function. */
export function actor(send: (name: string, event: Record<string, unknown>) => Promise<unknown>): Actor {
  const raw: Raw = async (fn, action, request = {}) => (await send(fn, { ...request, action })) as ApiResult<unknown>;
  const call = (async (fn: FunctionName, action: string, request: Record<string, unknown> = {}) => {
    const result = await raw(fn, action, request);
    if (!result.ok) throw new ApiError(result.code, result.message);
    return result.data;
  }) as Typed;
  return { call, raw };
}

export interface LoyaltyWorld {
  emu: TestEmulator;
  clock: ManualClock;
  console: Actor;
  shopper(openid: string): Actor;
  close(): Promise<void>;
}

/**
 * Suites that check invariants under many concurrent calls (no lost update, no oversell) run
 * their functions with this timeout instead of config.json's, and give those tests as long.
 * On a loaded machine (load ~9 on 2 cores) 50 contending transactions can take longer than a
 * function's 20 s; that is slowness, not a wrong result. The concurrency itself is kept in
 * full. The configured timeout is modelled and tested in emulator/test (function host).
 */
export const CONCURRENCY_TIMEOUT_SECONDS = 300;

export interface WorldOptions {
  /** Every function's timeout (seconds) instead of config.json's; see CONCURRENCY_TIMEOUT_SECONDS. */
  functionTimeoutSeconds?: number;
}

/** An emulator with the real functions, a manual clock, and typed callers per identity. */
export async function startWorld(start = '2026-03-10T10:00:00+08:00', options: WorldOptions = {}): Promise<LoyaltyWorld> {
  const clock = new ManualClock(start);
  const restore = useClock(clock);
  const emu = await startTestEmulator(options);
  return {
    emu,
    clock,
    console: actor((name, event) => emu.asConsole(name, event)),
    shopper: (openid) => actor(emu.asShopper(openid)),
    close: async () => {
      restore();
      await emu.close();
    },
  };
}

export const POLICY = DEFAULT_SETTINGS.privacyPolicyVersion;

/** Registers a store and a cashier; returns the cashier's caller. */
export async function openStore(world: LoyaltyWorld, staffOpenid = 'staff_cashier_1', storeId = 'store_1', role: 'cashier' | 'manager' = 'cashier'): Promise<Actor> {
  await world.console.call('admin', 'upsertStore', { storeId, name: '测试门店' });
  await world.console.call('admin', 'upsertStaff', { openid: staffOpenid, name: '收银员', storeId, role });
  return world.shopper(staffOpenid);
}

export async function joinMember(world: LoyaltyWorld, openid: string): Promise<Actor> {
  const member = world.shopper(openid);
  await member.call('member', 'register', { consentVersion: POLICY });
  return member;
}

/** Set-up for crowd tests: `count` members joined ten at a time (the crowd's own calls are the test's subject). */
export async function joinMembers(world: LoyaltyWorld, count: number, openid: (i: number) => string): Promise<Actor[]> {
  const members: Actor[] = [];
  for (let from = 0; from < count; from += 10) {
    const batch = Array.from({ length: Math.min(10, count - from) }, (_, k) => joinMember(world, openid(from + k)));
    members.push(...(await Promise.all(batch)));
  }
  return members;
}

/** The till flow: the shopper shows a fresh code, the staff member scans it. */
export async function scan(staff: Actor, member: Actor): Promise<string> {
  const { code } = await member.call('member', 'code', {});
  const { sessionId } = await staff.call('staff', 'scan', { code });
  return sessionId;
}

export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}

/** The stored member document of an openid, read through the real SDK. */
export async function memberDoc(openid: string): Promise<MemberDoc> {
  const doc = await findOne<MemberDoc>(COLLECTIONS.members, { openid });
  if (!doc) throw new Error(`no member ${openid}`);
  return doc;
}

/** Defines a coupon template from the console: a hidden ¥5-off coupon valid 30 days, unless overridden. */
export async function upsertCouponTemplate(world: LoyaltyWorld, templateId: string, overrides: Partial<CouponTemplateInput> = {}): Promise<void> {
  await world.console.call('coupon', 'upsertTemplate', {
    templateId, title: '测试券', benefit: { kind: 'cash_off', thresholdFen: 0, amountOffFen: 500 },
    totalStock: 0, perMemberLimit: 1, claimWindow: { from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' },
    validity: { kind: 'relative', days: 30 }, tiers: [], stackable: true, pointsPrice: 0, visibility: 'hidden', active: true,
    ...overrides,
  });
}

/** The listed admin openid that plays the second pair of eyes in tests (the console is the first). */
export const REVIEWER_OPENID = 'o_campaign_reviewer';

/**
 * Four-eyes for tests that are about something else: the console submits the campaign and a
 * listed admin openid (a different admin) approves it. Replaces the admin list with the reviewer.
 */
export async function approveCampaign(world: LoyaltyWorld, campaignId: string): Promise<void> {
  await world.console.call('admin', 'setAdmins', { openids: [REVIEWER_OPENID] });
  await world.console.call('campaign', 'submit', { campaignId });
  await world.shopper(REVIEWER_OPENID).call('campaign', 'approve', { campaignId });
}
