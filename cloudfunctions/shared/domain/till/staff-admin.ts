import type { StaffLimits, StaffRole, StoreView } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { FlagDoc, StaffDoc, StoreDoc } from '../../data/documents';
import { find, getById, patch, put } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { digestId } from '../../platform/ids';
import { toIso } from '../time/calendar';
import { recordAudit, adminAudit } from '../audit/audit';

export async function upsertStore(input: { storeId: string; name: string }, actor: string, now: Date): Promise<{ storeId: string }> {
  await put<StoreDoc>(COLLECTIONS.stores, { _id: input.storeId, name: input.name, updatedAt: now });
  await recordAudit(adminAudit(actor, 'admin.upsertStore', { name: input.name }, now, { storeId: input.storeId }));
  return { storeId: input.storeId };
}

/** Staff ids derive from the openid, so re-adding the same person updates their record. */
export async function upsertStaff(
  input: { openid: string; name: string; storeId: string; role: StaffRole; active?: boolean; limits?: Partial<StaffLimits> },
  actor: string,
  now: Date,
): Promise<{ staffId: string }> {
  if (!(await getById<StoreDoc>(COLLECTIONS.stores, input.storeId))) throw new AppError('INVALID_INPUT', `store ${input.storeId} does not exist`);
  const staffId = digestId(input.openid, 'staff');
  await put<StaffDoc>(COLLECTIONS.staff, {
    _id: staffId,
    openid: input.openid,
    name: input.name,
    storeId: input.storeId,
    role: input.role,
    active: input.active ?? true,
    limits: input.limits ?? {},
    updatedAt: now,
  });
  await recordAudit(adminAudit(actor, 'admin.upsertStaff', { staffId, role: input.role, active: input.active ?? true }, now, { storeId: input.storeId }));
  return { staffId };
}

export async function listFlags(limit: number): Promise<{ flags: Array<{ id: string; kind: string; staffId: string; detail: string; at: string }> }> {
  const flags = await find<FlagDoc & { _id: string }>(COLLECTIONS.flags, { resolved: false }, { orderBy: [['at', 'desc']], limit });
  return { flags: flags.map((f) => ({ id: f._id, kind: f.kind, staffId: f.staffId, detail: f.detail, at: toIso(f.at) })) };
}

/** Every store with its staff (active or not), for the console's stores page; brands have tens of stores, not thousands. */
export async function listStores(): Promise<{ stores: StoreView[] }> {
  const [stores, staff] = await Promise.all([
    find<StoreDoc>(COLLECTIONS.stores, {}, { orderBy: [['_id', 'asc']], limit: 1000 }),
    find<StaffDoc>(COLLECTIONS.staff, {}, { orderBy: [['_id', 'asc']], limit: 1000 }),
  ]);
  return {
    stores: stores.map((store) => ({
      storeId: store._id,
      name: store.name,
      staff: staff.filter((s) => s.storeId === store._id).map((s) => ({ staffId: s._id, name: s.name, role: s.role, active: s.active })),
    })),
  };
}

/** Marks a flag handled; resolving a resolved flag again changes nothing and answers the same. */
export async function resolveFlag(input: { flagId: string; note?: string }, actor: string, now: Date): Promise<{ flagId: string; resolved: true }> {
  const flag = await getById<FlagDoc & { _id: string }>(COLLECTIONS.flags, input.flagId);
  if (!flag) throw new AppError('FLAG_NOT_FOUND');
  if (!flag.resolved) {
    await patch(COLLECTIONS.flags, input.flagId, { resolved: true, resolvedAt: now, resolvedBy: actor, note: input.note ?? null });
    await recordAudit(adminAudit(actor, 'admin.resolveFlag', { flagId: input.flagId, kind: flag.kind, note: input.note ?? null }, now, { memberId: flag.memberId ?? null }));
  }
  return { flagId: input.flagId, resolved: true };
}
