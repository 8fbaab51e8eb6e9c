import { adminAudit, auditInTransaction } from '../audit/audit';
import type { CampaignDefinition, CampaignView } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { CampaignDoc, CouponTemplateDoc } from '../../data/documents';
import { find, getById } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { loadConfiguration } from '../settings/service';
import { toIso } from '../time/calendar';
import { DRAFT, approvalOf, approvalView, phaseOf, review, type ReviewStep } from './approval';
import { tiersIn } from './rule-schema';

/** Campaign documents: create, update, pause/resume, read. Every change is audited with it. */

export function campaignView(doc: CampaignDoc, now: Date): CampaignView {
  return {
    campaignId: doc._id,
    name: doc.name,
    description: doc.description,
    audience: doc.audience,
    reward: doc.reward,
    ...(doc.variants ? { variants: doc.variants } : {}),
    budget: doc.budget,
    frequency: doc.frequency,
    schedule: { startAt: toIso(new Date(doc.startAt)), endAt: toIso(new Date(doc.endAt)) },
    holdoutPercent: doc.holdoutPercent,
    status: doc.status,
    approval: approvalView(approvalOf(doc)),
    phase: phaseOf(doc, now),
    spent: doc.spent,
    activeRunId: doc.activeRunId,
    runs: doc.runs,
    createdAt: toIso(new Date(doc.createdAt)),
    updatedAt: toIso(new Date(doc.updatedAt)),
  };
}

/** Checks across fields that the input schema cannot see (the ladder, schedule order, budget kind). */
async function assertConsistent(def: CampaignDefinition): Promise<void> {
  const { tiers } = await loadConfiguration();
  const unknown = tiersIn(def.audience).filter((code) => !tiers.some((t) => t.code === code));
  if (unknown.length > 0) throw new AppError('CAMPAIGN_RULE_INVALID', `audience: unknown tier ${unknown.join(', ')} (configured: ${tiers.map((t) => t.code).join(', ')})`);
  if (new Date(def.schedule.endAt) <= new Date(def.schedule.startAt)) throw new AppError('CAMPAIGN_RULE_INVALID', 'schedule: endAt must be after startAt');
  const rewards = [def.reward, ...(def.variants ?? []).map((v) => v.reward)];
  const notPoints = rewards.find((r) => r.kind !== 'points');
  if (notPoints && def.budget.maxPoints !== undefined) {
    throw new AppError('CAMPAIGN_RULE_INVALID', `budget.maxPoints applies to points rewards only; cap a ${notPoints.kind} campaign with maxGrants`);
  }
  for (const reward of rewards) {
    if (reward.kind === 'coupon' && !(await getById<CouponTemplateDoc>(COLLECTIONS.couponTemplates, reward.templateId))) {
      throw new AppError('CAMPAIGN_RULE_INVALID', `reward: coupon template ${reward.templateId} does not exist`);
    }
  }
}

function definitionFields(def: CampaignDefinition) {
  const { schedule, ...rest } = def;
  return { ...rest, startAt: new Date(schedule.startAt), endAt: new Date(schedule.endAt) };
}

function definitionOf(doc: CampaignDoc): CampaignDefinition {
  const { name, description, audience, reward, variants, budget, frequency, holdoutPercent } = doc;
  return { name, description, audience, reward, ...(variants ? { variants } : {}), budget, frequency, holdoutPercent, schedule: { startAt: toIso(new Date(doc.startAt)), endAt: toIso(new Date(doc.endAt)) } };
}

export async function requireCampaign(campaignId: string): Promise<CampaignDoc> {
  const doc = await getById<CampaignDoc>(COLLECTIONS.campaigns, campaignId);
  if (!doc) throw new AppError('CAMPAIGN_NOT_FOUND', `no campaign ${campaignId}`);
  return doc;
}

export async function createCampaign(campaignId: string, def: CampaignDefinition, actor: string, now: Date): Promise<CampaignView> {
  await assertConsistent(def);
  const doc: CampaignDoc = { _id: campaignId, ...definitionFields(def), status: 'active', approval: DRAFT, spent: { grants: 0, points: 0 }, activeRunId: null, runs: 0, createdAt: now, updatedAt: now };
  await inTransaction(async (tx) => {
    if (await tx.get<CampaignDoc>(COLLECTIONS.campaigns, campaignId)) throw new AppError('CAMPAIGN_EXISTS', `campaign ${campaignId} exists`);
    await tx.create(COLLECTIONS.campaigns, doc);
    await auditInTransaction(tx, adminAudit(actor, 'campaign.create', { campaignId, name: def.name, reward: def.reward }, now));
  });
  return campaignView(doc, now);
}

/**
 * Changes definition fields only; `spent` and run state belong to the grant transactions. Any
 * edit returns the campaign to draft (four-eyes): it must be submitted and approved again.
 */
export async function updateCampaign(campaignId: string, changes: Partial<CampaignDefinition>, actor: string, now: Date): Promise<CampaignView> {
  const current = await requireCampaign(campaignId);
  const def = { ...definitionOf(current), ...changes };
  await assertConsistent(def);
  return inTransaction(async (tx) => {
    const doc = await tx.get<CampaignDoc>(COLLECTIONS.campaigns, campaignId);
    if (!doc) throw new AppError('CAMPAIGN_NOT_FOUND');
    const approval = review(approvalOf(doc), 'edit', actor, now);
    const next: CampaignDoc = { ...doc, ...definitionFields({ ...definitionOf(doc), ...changes }), approval, updatedAt: now };
    await tx.put(COLLECTIONS.campaigns, next);
    await auditInTransaction(tx, adminAudit(actor, 'campaign.update', { campaignId, fields: Object.keys(changes), approval: approval.state }, now));
    return campaignView(next, now);
  });
}

/** A paused campaign grants nothing and shows no offer; its unfinished run waits for resume. */
export async function setCampaignStatus(campaignId: string, status: CampaignDoc['status'], actor: string, now: Date): Promise<CampaignView> {
  return inTransaction(async (tx) => {
    const doc = await tx.get<CampaignDoc>(COLLECTIONS.campaigns, campaignId);
    if (!doc) throw new AppError('CAMPAIGN_NOT_FOUND', `no campaign ${campaignId}`);
    const next: CampaignDoc = { ...doc, status, updatedAt: now };
    await tx.put(COLLECTIONS.campaigns, next);
    await auditInTransaction(tx, adminAudit(actor, status === 'paused' ? 'campaign.pause' : 'campaign.resume', { campaignId }, now));
    return campaignView(next, now);
  });
}

/** One four-eyes step (submit, approve, reject) by `actor`, audited with the campaign's new state. */
export async function reviewCampaign(campaignId: string, step: Exclude<ReviewStep, 'edit'>, actor: string, now: Date, reason?: string): Promise<CampaignView> {
  return inTransaction(async (tx) => {
    const doc = await tx.get<CampaignDoc>(COLLECTIONS.campaigns, campaignId);
    if (!doc) throw new AppError('CAMPAIGN_NOT_FOUND', `no campaign ${campaignId}`);
    const approval = review(approvalOf(doc), step, actor, now);
    const next: CampaignDoc = { ...doc, approval, updatedAt: now };
    await tx.put(COLLECTIONS.campaigns, next);
    await auditInTransaction(tx, adminAudit(actor, `campaign.${step}`, { campaignId, approval: approval.state, ...(reason ? { reason } : {}) }, now));
    return campaignView(next, now);
  });
}

export async function listCampaigns(where: Record<string, unknown> = {}): Promise<CampaignDoc[]> {
  return find<CampaignDoc>(COLLECTIONS.campaigns, where, { orderBy: [['createdAt', 'desc']], limit: 200 });
}
