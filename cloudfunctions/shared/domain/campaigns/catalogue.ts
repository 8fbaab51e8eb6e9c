import { adminAudit, auditInTransaction } from '../audit/audit';
import type { CampaignDefinition, CampaignView } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { CampaignDoc, CouponTemplateDoc } from '../../data/documents';
import { find, getById } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { loadConfiguration } from '../settings/service';
import { toIso } from '../time/calendar';
import { tiersIn } from './rule-schema';

/** Campaign documents: create, update, pause/resume, read. Every change is audited with it. */

export function campaignView(doc: CampaignDoc): CampaignView {
  return {
    campaignId: doc._id,
    name: doc.name,
    description: doc.description,
    audience: doc.audience,
    reward: doc.reward,
    budget: doc.budget,
    frequency: doc.frequency,
    schedule: { startAt: toIso(new Date(doc.startAt)), endAt: toIso(new Date(doc.endAt)) },
    holdoutPercent: doc.holdoutPercent,
    status: doc.status,
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
  if (def.reward.kind !== 'points' && def.budget.maxPoints !== undefined) {
    throw new AppError('CAMPAIGN_RULE_INVALID', `budget.maxPoints applies to points rewards only; cap a ${def.reward.kind} campaign with maxGrants`);
  }
  if (def.reward.kind === 'coupon' && !(await getById<CouponTemplateDoc>(COLLECTIONS.couponTemplates, def.reward.templateId))) {
    throw new AppError('CAMPAIGN_RULE_INVALID', `reward: coupon template ${def.reward.templateId} does not exist`);
  }
}

function definitionFields(def: CampaignDefinition) {
  const { schedule, ...rest } = def;
  return { ...rest, startAt: new Date(schedule.startAt), endAt: new Date(schedule.endAt) };
}

function definitionOf(doc: CampaignDoc): CampaignDefinition {
  const { name, description, audience, reward, budget, frequency, holdoutPercent } = doc;
  return { name, description, audience, reward, budget, frequency, holdoutPercent, schedule: { startAt: toIso(new Date(doc.startAt)), endAt: toIso(new Date(doc.endAt)) } };
}

export async function requireCampaign(campaignId: string): Promise<CampaignDoc> {
  const doc = await getById<CampaignDoc>(COLLECTIONS.campaigns, campaignId);
  if (!doc) throw new AppError('CAMPAIGN_NOT_FOUND', `no campaign ${campaignId}`);
  return doc;
}

export async function createCampaign(campaignId: string, def: CampaignDefinition, actor: string, now: Date): Promise<CampaignView> {
  await assertConsistent(def);
  const doc: CampaignDoc = { _id: campaignId, ...definitionFields(def), status: 'active', spent: { grants: 0, points: 0 }, activeRunId: null, runs: 0, createdAt: now, updatedAt: now };
  await inTransaction(async (tx) => {
    if (await tx.get<CampaignDoc>(COLLECTIONS.campaigns, campaignId)) throw new AppError('CAMPAIGN_EXISTS', `campaign ${campaignId} exists`);
    await tx.create(COLLECTIONS.campaigns, doc);
    await auditInTransaction(tx, adminAudit(actor, 'campaign.create', { campaignId, name: def.name, reward: def.reward }, now));
  });
  return campaignView(doc);
}

/** Changes definition fields only; `spent` and run state belong to the grant transactions. */
export async function updateCampaign(campaignId: string, changes: Partial<CampaignDefinition>, actor: string, now: Date): Promise<CampaignView> {
  const current = await requireCampaign(campaignId);
  const def = { ...definitionOf(current), ...changes };
  await assertConsistent(def);
  return inTransaction(async (tx) => {
    const doc = await tx.get<CampaignDoc>(COLLECTIONS.campaigns, campaignId);
    if (!doc) throw new AppError('CAMPAIGN_NOT_FOUND');
    const next: CampaignDoc = { ...doc, ...definitionFields({ ...definitionOf(doc), ...changes }), updatedAt: now };
    await tx.put(COLLECTIONS.campaigns, next);
    await auditInTransaction(tx, adminAudit(actor, 'campaign.update', { campaignId, fields: Object.keys(changes) }, now));
    return campaignView(next);
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
    return campaignView(next);
  });
}

export async function listCampaigns(where: Record<string, unknown> = {}): Promise<CampaignDoc[]> {
  return find<CampaignDoc>(COLLECTIONS.campaigns, where, { orderBy: [['createdAt', 'desc']], limit: 200 });
}
