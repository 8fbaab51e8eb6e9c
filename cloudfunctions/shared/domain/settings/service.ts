import type { LoyaltySettings, StaffLimits } from '../../../../typings/api';
import type { TierDefinition } from '../../../../typings/domain';
import { COLLECTIONS } from '../../data/collections';
import type { SettingsDoc } from '../../data/documents';
import { getById, put } from '../../data/store';
import { DEFAULT_TIERS } from '../tiers/defaults';
import { DEFAULT_SETTINGS, DEFAULT_STAFF_LIMITS } from './defaults';

/** Settings live in one collection, one document per kind; absent documents mean defaults. */
const KEYS = { loyalty: 'loyalty', tiers: 'tiers', staffLimits: 'staffLimits', admins: 'admins' } as const;

export interface Configuration {
  settings: LoyaltySettings;
  tiers: TierDefinition[];
  staffLimits: StaffLimits;
}

async function read<T>(key: string): Promise<T | null> {
  const doc = await getById<SettingsDoc<T>>(COLLECTIONS.settings, key);
  return doc?.value ?? null;
}

async function write<T>(key: string, value: T, now: Date): Promise<void> {
  await put<SettingsDoc<T>>(COLLECTIONS.settings, { _id: key, value, updatedAt: now });
}

export async function loadConfiguration(): Promise<Configuration> {
  const [settings, tiers, staffLimits] = await Promise.all([
    read<Partial<LoyaltySettings>>(KEYS.loyalty),
    read<TierDefinition[]>(KEYS.tiers),
    read<Partial<StaffLimits>>(KEYS.staffLimits),
  ]);
  return {
    settings: { ...DEFAULT_SETTINGS, ...settings },
    tiers: tiers && tiers.length > 0 ? tiers : DEFAULT_TIERS,
    staffLimits: { ...DEFAULT_STAFF_LIMITS, ...staffLimits },
  };
}

export async function saveSettings(settings: LoyaltySettings, now: Date): Promise<void> {
  await write(KEYS.loyalty, settings, now);
}

export async function saveStaffLimits(limits: StaffLimits, now: Date): Promise<void> {
  await write(KEYS.staffLimits, limits, now);
}

export async function saveTiers(tiers: TierDefinition[], now: Date): Promise<void> {
  await write(KEYS.tiers, tiers, now);
}

/** Openids allowed to call admin actions from the mini-program (the console needs no entry). */
export async function loadAdminOpenids(): Promise<string[]> {
  return (await read<string[]>(KEYS.admins)) ?? [];
}

export async function saveAdminOpenids(openids: string[], now: Date): Promise<void> {
  await write(KEYS.admins, openids, now);
}
