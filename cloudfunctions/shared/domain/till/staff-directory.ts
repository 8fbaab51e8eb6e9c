import type { StaffLimits } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { StaffDoc, StoreDoc } from '../../data/documents';
import { findOne, getById } from '../../data/store';
import { AppError } from '../../platform/app-error';

/** Staff are openids listed in the `staff` collection, bound to a store; nothing else grants the role. */
export async function requireStaff(openid: string | null): Promise<StaffDoc> {
  if (!openid) throw new AppError('NOT_STAFF');
  const staff = await findOne<StaffDoc>(COLLECTIONS.staff, { openid, active: true });
  if (!staff) throw new AppError('NOT_STAFF');
  return staff;
}

export async function storeName(storeId: string): Promise<string> {
  const store = await getById<StoreDoc>(COLLECTIONS.stores, storeId);
  return store?.name ?? storeId;
}

export function limitsFor(staff: StaffDoc, defaults: StaffLimits): StaffLimits {
  return { ...defaults, ...staff.limits };
}
