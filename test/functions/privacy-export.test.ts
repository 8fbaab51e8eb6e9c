import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COLLECTIONS, type CollectionName } from '../../cloudfunctions/shared/data/collections';
import { find } from '../support/inspect';
import { identityIdFor } from '../../cloudfunctions/shared/domain/members/directory';
import { consoleAccount } from '../support/console-accounts';
import { EXPORT_COVERAGE } from '../../cloudfunctions/shared/domain/members/export';
import { touchIdFor } from '../../cloudfunctions/shared/domain/referrals/attribution';
import type { MemberExport } from '../../typings/api';
import { joinMember, openStore, POLICY, scan, startWorld, upsertCouponTemplate, type Actor, type LoyaltyWorld, approveCampaign } from '../support/loyalty';

/**
 * Issue 10, "Privacy export": the export holds everything stored about the member. The list of
 * collections comes from indexes.json (the file that creates them), so a new collection holding
 * member data without export coverage fails here.
 */
const DECLARED = Object.keys(JSON.parse(readFileSync(resolve(__dirname, '../../cloudfunctions/shared/data/indexes.json'), 'utf8')) as Record<string, unknown>)
  .filter((name) => !name.startsWith('$')) as CollectionName[];

const OPENID = 'o_export_all';
let world: LoyaltyWorld;
let cashier: Actor;
let memberId: string;
let exported: MemberExport;
/** Per collection: how many stored documents mention the member (read before the export). */
const mentions = new Map<CollectionName, number>();

function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

beforeAll(async () => {
  world = await startWorld('2026-05-01T10:00:00+08:00');
  cashier = await openStore(world);
  await upsertCouponTemplate(world, 'ex-coupon', { totalStock: 10, perMemberLimit: 2, visibility: 'public' });
  await world.console.call('groupbuy', 'upsertDeal', {
    dealId: 'ex-deal', productLabel: '双杯', groupPriceFen: 1_990, originalPriceFen: 3_600, groupSize: 3, fillHours: 24,
    window: { from: '2026-04-01T00:00:00+08:00', until: '2026-06-01T00:00:00+08:00' }, groupStock: 10, entitlementTemplateId: 'ex-coupon', active: true,
  });

  // The member is invited, and invites a friend of their own.
  const inviter = await joinMember(world, 'o_export_inviter');
  const { inviteCode } = await inviter.call('referral', 'myInvite', {});
  const member = world.shopper(OPENID);
  await member.call('referral', 'touch', { inviteCode });
  await member.call('member', 'register', { consentVersion: POLICY, nickname: '导出全量', birthday: '1990-05-20' });
  await member.call('member', 'updateProfile', { phone: '13900002222' });
  memberId = (await member.call('member', 'card', {})).memberId;
  const own = (await member.call('referral', 'myInvite', {})).inviteCode;
  const friend = world.shopper('o_export_friend');
  await friend.call('referral', 'touch', { inviteCode: own });
  await friend.call('member', 'register', { consentVersion: POLICY });
  await cashier.call('staff', 'recordPurchase', { sessionId: await scan(cashier, friend), orderNo: 'EXA-F1', amountFen: 8_000 });

  // Till: a coupon redeemed on an order, the purchase, a partial refund.
  const { coupon } = await member.call('coupon', 'claim', { templateId: 'ex-coupon' });
  const session = await scan(cashier, member);
  await cashier.call('staff', 'redeemCoupon', { sessionId: session, couponId: coupon.couponId, orderNo: 'EXA-1', amountFen: 10_000 });
  await cashier.call('staff', 'recordPurchase', { sessionId: session, orderNo: 'EXA-1', amountFen: 9_500 });
  await cashier.call('staff', 'recordRefund', { sessionId: session, orderNo: 'EXA-1', refundNo: 'EXA-R1', amountFen: 1_000 });
  await world.console.call('admin', 'adjustPoints', { memberId, delta: 20, reason: '补偿', key: 'exa-adjust' });
  // A console operator's large adjustment waits for a second admin: an approval about the member.
  const operator = await consoleAccount(world, 'uid_export_operator', 'operator');
  await operator.call('admin', 'adjustPoints', { memberId, delta: 5_000, reason: '大额补偿', key: 'exa-approval' });

  // Group-buy and a campaign grant.
  await member.call('groupbuy', 'start', { dealId: 'ex-deal' });
  await world.console.call('campaign', 'create', {
    campaignId: 'ex-campaign', name: '导出测试', description: '', audience: { all: [] }, reward: { kind: 'points', points: 10 }, budget: {},
    frequency: { kind: 'oncePerCampaign' }, schedule: { startAt: '2026-04-01T00:00:00+08:00', endAt: '2026-06-01T00:00:00+08:00' }, holdoutPercent: 0,
  });
  await approveCampaign(world, 'ex-campaign');
  await world.console.call('campaign', 'trigger', { campaignId: 'ex-campaign' });

  const mark = [memberId, OPENID];
  const ownIds = new Set([identityIdFor(OPENID), touchIdFor(OPENID)]);
  for (const name of DECLARED) {
    const docs = await find<{ _id: string; cursor?: unknown }>(name, {}, { limit: 1000 });
    // A resumable walk's `cursor` (campaign runs) is a position in _id order, not data about whoever sits there.
    const about = (doc: { _id: string; cursor?: unknown }): boolean => {
      const { cursor: _position, ...held } = doc;
      return ownIds.has(doc._id) || mark.some((m) => JSON.stringify(held).includes(m));
    };
    mentions.set(name, docs.filter(about).length);
  }
  exported = await member.call('member', 'exportData', {});
});
afterAll(() => world.close());

describe('privacy export', () => {
  it('decides the export coverage of exactly the declared collections', () => {
    expect(Object.keys(EXPORT_COVERAGE).sort()).toEqual([...DECLARED].sort());
    expect(Object.values(COLLECTIONS).sort()).toEqual([...DECLARED].sort());
  });

  it('the scenario touches every collection the coverage says holds member data', () => {
    const untouched = DECLARED.filter((name) => 'sections' in EXPORT_COVERAGE[name] && (mentions.get(name) ?? 0) === 0);
    expect(untouched).toEqual([]);
  });

  it.each(DECLARED)('exports every document of %s that is about the member', (name) => {
    const found = mentions.get(name) ?? 0;
    const coverage = EXPORT_COVERAGE[name];
    if (found === 0) return;
    expect(coverage).toHaveProperty('sections');
    if (!('sections' in coverage)) return;
    const exportedCount = coverage.sections
      .map((path) => at(exported, path))
      .reduce<number>((sum, value) => sum + (Array.isArray(value) ? value.length : value ? 1 : 0), 0);
    expect(exportedCount).toBeGreaterThanOrEqual(found);
  });

  it('contains the personal data, coupons, referrals both ways, group-buys and audit entries', () => {
    expect(exported.member).toMatchObject({ nickname: '导出全量', phone: '13900002222', birthday: '1990-05-20' });
    expect(exported.coupons).toEqual([expect.objectContaining({ templateId: 'ex-coupon', status: 'used' })]);
    expect(exported.couponOrders).toEqual([expect.objectContaining({ _id: 'EXA-1', discountFen: 500 })]);
    expect(exported.referrals.asInvitee).toHaveLength(1);
    expect(exported.referrals.asInviter).toEqual([expect.objectContaining({ status: 'converted' })]);
    expect(exported.groupBuys).toEqual([expect.objectContaining({ dealId: 'ex-deal', joinedByMe: true })]);
    expect(exported.orders).toEqual([expect.objectContaining({ orderNo: 'EXA-1', refunds: [expect.objectContaining({ refundNo: 'EXA-R1', amountFen: 1_000 })] })]);
    expect(exported.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.scan', 'staff.recordPurchase', 'staff.recordRefund', 'admin.adjustPoints']));
    expect(JSON.stringify(exported.audit)).not.toMatch(/"actor"/);
  });

  it('writes every timestamp in one format: ISO 8601 with the +08:00 business offset', () => {
    expect(exported.timeZone).toBe('Asia/Shanghai');
    const stamps = strings(exported).filter((s) => /^\d{4}-\d{2}-\d{2}T/.test(s));
    expect(stamps.length).toBeGreaterThan(30);
    expect(stamps.filter((s) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(s))).toEqual([]);
    expect(JSON.stringify(exported)).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z"/);
  });
});
