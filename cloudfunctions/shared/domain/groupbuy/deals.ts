import { adminAudit, auditInTransaction } from '../audit/audit';
import type { GroupDealInput, GroupDealView } from '../../../../typings/api/groupbuy';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import type { GroupDealDoc, GroupMembershipDoc } from '../../data/documents';
import { find, getById, type Where } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { requireTemplate } from '../coupons/templates';
import { requireMemberByOpenid } from '../members/directory';
import { membershipId } from './rules';
import { dealView } from './views';

function dealProblems(input: GroupDealInput, held: number): string[] {
  const problems: string[] = [];
  if (input.groupPriceFen >= input.originalPriceFen) problems.push('groupPriceFen must be below originalPriceFen');
  if (new Date(input.window.from) >= new Date(input.window.until)) problems.push('window.from must be before window.until');
  if (input.groupStock < held) problems.push(`groupStock ${input.groupStock} is below the ${held} groups open or succeeded`);
  return problems;
}

/** Creates or replaces a deal; the count of groups holding stock survives, open groups keep their own terms. */
export async function upsertDeal(input: GroupDealInput, actor: string, now: Date): Promise<{ deal: GroupDealView }> {
  const template = await requireTemplate(input.entitlementTemplateId);
  const deal = await inTransaction(async (tx) => {
    const existing = await tx.get<GroupDealDoc>(COLLECTIONS.groupDeals, input.dealId);
    const held = existing?.groupsHeld ?? 0;
    const problems = dealProblems(input, held);
    if (problems.length > 0) throw new AppError('CONFIG_INVALID', problems.join('; '), { problems });
    const doc: GroupDealDoc = {
      _id: input.dealId,
      productLabel: input.productLabel,
      description: input.description ?? '',
      groupPriceFen: input.groupPriceFen,
      originalPriceFen: input.originalPriceFen,
      groupSize: input.groupSize,
      fillHours: input.fillHours,
      windowFrom: new Date(input.window.from),
      windowUntil: new Date(input.window.until),
      groupStock: input.groupStock,
      groupsHeld: held,
      // The stock's take bookkeeping (data/counted-stock.ts) survives a replace.
      ...(existing?.takes === undefined ? {} : { takes: existing.takes }),
      ...(existing?.lastTakenAt === undefined ? {} : { lastTakenAt: existing.lastTakenAt }),
      entitlementTemplateId: input.entitlementTemplateId,
      active: input.active,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await tx.put(COLLECTIONS.groupDeals, doc);
    await auditInTransaction(tx, adminAudit(actor, 'groupbuy.upsertDeal', { dealId: input.dealId, created: !existing, groupStock: input.groupStock, groupSize: input.groupSize }, now));
    return doc;
  });
  return { deal: dealView(deal, template.title, null, now) };
}

export async function requireDeal(dealId: string): Promise<GroupDealDoc> {
  const deal = await getById<GroupDealDoc>(COLLECTIONS.groupDeals, dealId);
  if (!deal) throw new AppError('GROUPBUY_NOT_FOUND', '拼团活动不存在');
  return deal;
}

/** Active deals whose window has not ended, with the caller's group of each. */
/** Open deals with each one's view; `memberId` null for a visitor (no group of theirs to show). */
async function openDeals(memberId: string | null, now: Date): Promise<{ deals: GroupDealView[] }> {
  const _ = command();
  const deals = await find<GroupDealDoc>(COLLECTIONS.groupDeals, { active: true, windowUntil: _.gt(now) } as Where, { orderBy: [['windowUntil', 'asc']], limit: 100 });
  const views = await Promise.all(
    deals.map(async (deal) => {
      const [template, membership] = await Promise.all([
        getById<{ title: string }>(COLLECTIONS.couponTemplates, deal.entitlementTemplateId),
        memberId === null ? null : getById<GroupMembershipDoc>(COLLECTIONS.groupMemberships, membershipId(deal._id, memberId)),
      ]);
      return dealView(deal, template?.title ?? '', membership?.groupId ?? null, now);
    }),
  );
  return { deals: views };
}

export async function listDeals(openid: string, now: Date): Promise<{ deals: GroupDealView[] }> {
  const member = await requireMemberByOpenid(openid);
  return openDeals(member._id, now);
}

/** Visitors too: the deals without anything about the caller. */
export function browseDeals(now: Date): Promise<{ deals: GroupDealView[] }> {
  return openDeals(null, now);
}
