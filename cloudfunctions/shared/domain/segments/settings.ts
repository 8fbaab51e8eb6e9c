import type { SegmentSettings } from '../../../../typings/api';
import { COLLECTIONS } from '../../data/collections';
import type { SettingsDoc } from '../../data/documents';
import { getById, put } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { recordAudit, adminAudit } from '../audit/audit';
import { DEFAULT_SEGMENT_SETTINGS, segmentSettingsProblem } from './lifecycle';

/** Lifecycle thresholds live in the settings collection beside the loyalty settings; absent means defaults. */
const KEY = 'segments';

export async function loadSegmentSettings(): Promise<SegmentSettings> {
  const doc = await getById<SettingsDoc<Partial<SegmentSettings>>>(COLLECTIONS.settings, KEY);
  return { ...DEFAULT_SEGMENT_SETTINGS, ...doc?.value };
}

export async function updateSegmentSettings(changes: Partial<SegmentSettings>, actor: string, now: Date): Promise<SegmentSettings> {
  const next = { ...(await loadSegmentSettings()), ...changes };
  const problem = segmentSettingsProblem(next);
  if (problem) throw new AppError('CONFIG_INVALID', problem);
  await put<SettingsDoc<SegmentSettings>>(COLLECTIONS.settings, { _id: KEY, value: next, updatedAt: now });
  await recordAudit(adminAudit(actor, 'campaign.setSegmentSettings', { ...next }, now));
  return next;
}
