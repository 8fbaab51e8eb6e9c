import type { AdminAccount, UpsertAdminRequest } from '../../../../typings/api/console';
import { COLLECTIONS } from '../../data/collections';
import type { AdminDoc } from '../../data/documents';
import { count, find, findOne, getById, put } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { digestId } from '../../platform/ids';
import { toIso } from '../time/calendar';
import { adminAudit, recordAudit } from '../audit/audit';

/**
 * Console accounts: a CloudBase account uid (what the web SDK's sign-in vouches for, TCB_UUID)
 * with a role. The role always comes from here, never from the request.
 */
function adminIdFor(uid: string): string {
  return digestId(uid, 'admin');
}

/** The active console account of a uid, or null: inactive and unknown accounts are nobody. */
export async function activeAdmin(uid: string): Promise<AdminDoc | null> {
  const doc = await getById<AdminDoc>(COLLECTIONS.admins, adminIdFor(uid));
  return doc && doc.active && doc.uid === uid ? doc : null;
}

export function accountView(doc: AdminDoc): AdminAccount {
  return { uid: doc.uid, username: doc.username, name: doc.name, role: doc.role, active: doc.active, createdAt: toIso(doc.createdAt), updatedAt: toIso(doc.updatedAt) };
}

export async function listAdmins(): Promise<{ admins: AdminAccount[] }> {
  const docs = await find<AdminDoc>(COLLECTIONS.admins, {}, { orderBy: [['username', 'asc']], limit: 1000 });
  return { admins: docs.map(accountView) };
}

/**
 * Creates or changes a console account. The last active owner cannot be demoted or deactivated,
 * so the programme always keeps someone who can manage admins. A username belongs to one uid.
 */
export async function upsertAdmin(input: UpsertAdminRequest, actor: string, now: Date): Promise<{ admin: AdminAccount }> {
  const id = adminIdFor(input.uid);
  const [current, sameName] = await Promise.all([getById<AdminDoc>(COLLECTIONS.admins, id), findOne<AdminDoc>(COLLECTIONS.admins, { username: input.username })]);
  if (sameName && sameName.uid !== input.uid) throw new AppError('INVALID_INPUT', `username ${input.username} belongs to another account`);
  const active = input.active ?? current?.active ?? true;
  const losesOwner = current?.active === true && current.role === 'owner' && (input.role !== 'owner' || !active);
  if (losesOwner && (await count(COLLECTIONS.admins, { role: 'owner', active: true })) <= 1) throw new AppError('LAST_OWNER');
  const next: AdminDoc = { _id: id, uid: input.uid, username: input.username, name: input.name, role: input.role, active, createdAt: current?.createdAt ?? now, updatedAt: now };
  await put<AdminDoc>(COLLECTIONS.admins, next);
  const before = current ? { role: current.role, active: current.active } : null;
  await recordAudit(adminAudit(actor, 'admin.upsertAdmin', { uid: input.uid, username: input.username, role: input.role, active, before }, now));
  return { admin: accountView(next) };
}
