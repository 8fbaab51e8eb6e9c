import type { LoyaltySettings, StaffLimits } from '../../../../typings/api';
import type { TierDefinition } from '../../../../typings/domain';
import { COLLECTIONS } from '../../data/collections';
import type { SettingsDoc } from '../../data/documents';
import { getById, put } from '../../data/store';
import { currentClock } from '../../platform/clock';
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
  forgetConfiguration();
  await put<SettingsDoc<T>>(COLLECTIONS.settings, { _id: key, value, updatedAt: now });
  forgetConfiguration();
}

/**
 * How long a warm function instance reuses the configuration it read (docs/loyalty-rules.md,
 * "How fast setting changes apply"): every call used to read the 3 documents, now at most one
 * call per instance per TTL does. An admin change applies at once in the instance that made it
 * and within this TTL everywhere else. Measured on the injectable clock, so tests that move time
 * past it see fresh documents.
 */
export const CONFIGURATION_TTL_MS = 30_000;

let cached: { loadedAtMs: number; value: Promise<Configuration> } | null = null;

/** Drops this instance's cached configuration; every save calls it (the admin's own instance sees changes at once). */
export function forgetConfiguration(): void {
  cached = null;
}

/** The loyalty configuration, from this instance's cache when it is younger than the TTL. */
export async function loadConfiguration(): Promise<Configuration> {
  const nowMs = currentClock().now().getTime();
  const age = cached ? nowMs - cached.loadedAtMs : Infinity;
  // A clock moved backwards (tests, a corrected host clock) counts as expired, never as fresh.
  if (!cached || age < 0 || age >= CONFIGURATION_TTL_MS) {
    const value = readConfiguration();
    const entry = { loadedAtMs: nowMs, value };
    cached = entry;
    // A failed read is not cached: the next call tries again.
    value.catch(() => {
      if (cached === entry) cached = null;
    });
  }
  return cached.value;
}

async function readConfiguration(): Promise<Configuration> {
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
