import { adminAudit, auditInTransaction } from '../audit/audit';
import type { CouponTemplateInput, CouponTemplateView } from '../../../../typings/api/coupon';
import { COLLECTIONS } from '../../data/collections';
import type { CouponTemplateDoc, StoredCouponValidity } from '../../data/documents';
import { find, getById } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { loadConfiguration } from '../settings/service';
import { benefitProblems } from './benefit';
import { templateView } from './views';

function storedValidity(input: CouponTemplateInput['validity']): StoredCouponValidity {
  return input.kind === 'fixed' ? { kind: 'fixed', from: new Date(input.from), until: new Date(input.until) } : input;
}

function templateProblems(input: CouponTemplateInput, tierCodes: string[], claimed: number): string[] {
  const problems = benefitProblems(input.benefit);
  if (new Date(input.claimWindow.from) >= new Date(input.claimWindow.until)) problems.push('claimWindow.from must be before claimWindow.until');
  if (input.validity.kind === 'fixed' && new Date(input.validity.from) >= new Date(input.validity.until)) problems.push('validity.from must be before validity.until');
  const unknown = input.tiers.filter((code) => !tierCodes.includes(code));
  if (unknown.length > 0) problems.push(`unknown tiers: ${unknown.join(', ')}`);
  if (input.totalStock < claimed) problems.push(`totalStock ${input.totalStock} is below the ${claimed} already claimed`);
  return problems;
}

/**
 * Creates or replaces a template. The claimed count survives (so stock can be topped up but not
 * cut below what was claimed); coupons already issued keep their own snapshot of the terms.
 */
export async function upsertTemplate(input: CouponTemplateInput, actor: string, now: Date): Promise<{ template: CouponTemplateView }> {
  const config = await loadConfiguration();
  const tierCodes = config.tiers.map((tier) => tier.code);
  const template = await inTransaction(async (tx) => {
    const existing = await tx.get<CouponTemplateDoc>(COLLECTIONS.couponTemplates, input.templateId);
    const claimed = existing?.claimed ?? 0;
    const problems = templateProblems(input, tierCodes, claimed);
    if (problems.length > 0) throw new AppError('CONFIG_INVALID', problems.join('; '), { problems });
    const doc: CouponTemplateDoc = {
      _id: input.templateId,
      title: input.title,
      description: input.description ?? '',
      benefit: input.benefit,
      totalStock: input.totalStock,
      claimed,
      // The stock's take bookkeeping (data/counted-stock.ts) survives a replace.
      ...(existing?.takes === undefined ? {} : { takes: existing.takes }),
      ...(existing?.lastTakenAt === undefined ? {} : { lastTakenAt: existing.lastTakenAt }),
      perMemberLimit: input.perMemberLimit,
      claimFrom: new Date(input.claimWindow.from),
      claimUntil: new Date(input.claimWindow.until),
      validity: storedValidity(input.validity),
      tiers: input.tiers,
      stackable: input.stackable,
      pointsPrice: input.pointsPrice,
      visibility: input.visibility,
      active: input.active,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await tx.put(COLLECTIONS.couponTemplates, doc);
    await auditInTransaction(tx, adminAudit(actor, 'coupon.upsertTemplate', { templateId: input.templateId, created: !existing, totalStock: input.totalStock, kind: input.benefit.kind }, now));
    return doc;
  });
  return { template: templateView(template) };
}

export async function listAllTemplates(): Promise<{ templates: CouponTemplateView[] }> {
  const docs = await find<CouponTemplateDoc>(COLLECTIONS.couponTemplates, {}, { orderBy: [['updatedAt', 'desc']], limit: 500 });
  return { templates: docs.map(templateView) };
}

/** Public, active templates for the claim centre (at most 100, oldest window first). */
export async function listedTemplates(): Promise<CouponTemplateDoc[]> {
  return find<CouponTemplateDoc>(COLLECTIONS.couponTemplates, { visibility: 'public', active: true }, { orderBy: [['claimFrom', 'asc']], limit: 100 });
}

export async function requireTemplate(templateId: string): Promise<CouponTemplateDoc> {
  const template = await getById<CouponTemplateDoc>(COLLECTIONS.couponTemplates, templateId);
  if (!template) throw new AppError('COUPON_NOT_FOUND', `优惠券 ${templateId} 不存在`);
  return template;
}
