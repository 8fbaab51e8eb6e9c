import { randomBytes } from 'node:crypto';
import type { IntegrationView } from '../../../../typings/api/orders';
import { COLLECTIONS } from '../../data/collections';
import type { IntegrationDoc } from '../../data/documents';
import { find, getById } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { currentClock } from '../../platform/clock';
import { adminAudit, auditInTransaction } from '../audit/audit';
import { openWithDataKey, sealWithDataKey } from '../members/personal-data';
import { toIso } from '../time/calendar';

/**
 * Integrations: each POS or shop that may send orders has an id and a secret. HMAC needs the
 * secret itself on the server, so it cannot be stored as a one-way hash: it is stored sealed
 * (AES-256-GCM under MEMBER_DATA_KEY) in `integrations`, a collection no client can read (every
 * collection is ADMINONLY), and shown once, in the answer that created or rotated it.
 */
function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function integrationView(doc: IntegrationDoc): IntegrationView {
  return {
    integrationId: doc._id,
    name: doc.name,
    channel: doc.channel,
    storeIds: doc.storeIds,
    active: doc.active,
    createdAt: toIso(doc.createdAt),
    rotatedAt: doc.rotatedAt ? toIso(doc.rotatedAt) : null,
  };
}

export interface CreateIntegrationInput {
  integrationId: string;
  name: string;
  channel: string;
  storeIds?: string[];
}

export async function createIntegration(actor: string, input: CreateIntegrationInput, now: Date): Promise<{ integration: IntegrationView; secret: string }> {
  const secret = newSecret();
  const doc: IntegrationDoc = { _id: input.integrationId, name: input.name, channel: input.channel, storeIds: input.storeIds ?? [], active: true, sealedSecret: sealWithDataKey(secret), createdAt: now, rotatedAt: null };
  await inTransaction(async (tx) => {
    if (await tx.get<IntegrationDoc>(COLLECTIONS.integrations, input.integrationId)) throw new AppError('KEY_CONFLICT', `对接系统 ${input.integrationId} 已存在`);
    const stores = await Promise.all(doc.storeIds.map((id) => tx.get(COLLECTIONS.stores, id)));
    if (stores.some((store) => !store)) throw new AppError('INVALID_INPUT', 'storeIds: unknown store');
    await Promise.all([
      tx.create(COLLECTIONS.integrations, doc),
      auditInTransaction(tx, adminAudit(actor, 'integrations.create', { integrationId: doc._id, channel: doc.channel, storeIds: doc.storeIds }, now)),
    ]);
  });
  forgetIntegrations();
  return { integration: integrationView(doc), secret };
}

async function change(actor: string, integrationId: string, action: string, edit: (doc: IntegrationDoc) => IntegrationDoc, now: Date): Promise<IntegrationDoc> {
  const next = await inTransaction(async (tx) => {
    const doc = await tx.get<IntegrationDoc>(COLLECTIONS.integrations, integrationId);
    if (!doc) throw new AppError('INTEGRATION_UNKNOWN');
    const edited = edit(doc);
    await Promise.all([tx.put(COLLECTIONS.integrations, edited), auditInTransaction(tx, adminAudit(actor, action, { integrationId, active: edited.active }, now))]);
    return edited;
  });
  forgetIntegrations();
  return next;
}

/** A new secret replaces the old one at once (other warm instances within INTEGRATION_TTL_MS). */
export async function rotateSecret(actor: string, integrationId: string, now: Date): Promise<{ integration: IntegrationView; secret: string }> {
  const secret = newSecret();
  const doc = await change(actor, integrationId, 'integrations.rotateSecret', (d) => ({ ...d, sealedSecret: sealWithDataKey(secret), rotatedAt: now }), now);
  return { integration: integrationView(doc), secret };
}

export async function setIntegrationActive(actor: string, integrationId: string, active: boolean, now: Date): Promise<IntegrationView> {
  return integrationView(await change(actor, integrationId, 'integrations.setActive', (d) => ({ ...d, active }), now));
}

export async function listIntegrations(): Promise<IntegrationView[]> {
  return (await find<IntegrationDoc>(COLLECTIONS.integrations, {}, { orderBy: [['_id', 'asc']], limit: 100 })).map(integrationView);
}

/** An active integration with its secret opened, as the signature check needs it. */
export interface ActiveIntegration {
  doc: IntegrationDoc;
  secret: string;
}

/**
 * A warm instance reuses what it read for this long (the injectable clock), so a burst of events
 * costs one read per instance instead of one per event. A rotation or deactivation applies at once
 * in the instance that made it and within this TTL in the others (docs/order-feed.md).
 */
export const INTEGRATION_TTL_MS = 30_000;
const cache = new Map<string, { loadedAtMs: number; value: Promise<ActiveIntegration | null> }>();

export function forgetIntegrations(): void {
  cache.clear();
}

async function readIntegration(integrationId: string): Promise<ActiveIntegration | null> {
  const doc = await getById<IntegrationDoc>(COLLECTIONS.integrations, integrationId);
  return doc && doc.active ? { doc, secret: openWithDataKey(doc.sealedSecret) } : null;
}

export async function activeIntegration(integrationId: string): Promise<ActiveIntegration> {
  const nowMs = currentClock().now().getTime();
  const hit = cache.get(integrationId);
  const age = hit ? nowMs - hit.loadedAtMs : Infinity;
  let value = hit?.value;
  if (!value || age < 0 || age >= INTEGRATION_TTL_MS) {
    value = readIntegration(integrationId);
    const entry = { loadedAtMs: nowMs, value };
    // Unknown ids are not remembered: a flood of made-up ids must not grow the cache.
    value.then(
      (found) => (found ? cache.set(integrationId, entry) : cache.delete(integrationId)),
      () => cache.delete(integrationId),
    );
  }
  const found = await value;
  if (!found) throw new AppError('INTEGRATION_UNKNOWN');
  return found;
}
