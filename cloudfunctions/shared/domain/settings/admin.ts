import type { LoyaltySettings, StaffLimits } from '../../../../typings/api';
import type { TierDefinition } from '../../../../typings/domain';
import { AppError } from '../../platform/app-error';
import { recordAudit, adminAudit } from '../audit/audit';
import { ladderProblems, sortLadder } from '../tiers/ladder';
import { loadConfiguration, saveSettings, saveStaffLimits, saveTiers } from './service';

/** Admin changes to the loyalty rules; each is validated as a whole and audited. */
export async function updateSettings(
  changes: { settings?: Partial<LoyaltySettings>; staffLimits?: Partial<StaffLimits> },
  actor: string,
  now: Date,
): Promise<{ settings: LoyaltySettings; staffLimits: StaffLimits }> {
  const config = await loadConfiguration();
  const settings = { ...config.settings, ...changes.settings };
  const staffLimits = { ...config.staffLimits, ...changes.staffLimits };
  if (changes.settings) await saveSettings(settings, now);
  if (changes.staffLimits) await saveStaffLimits(staffLimits, now);
  await recordAudit(adminAudit(actor, 'admin.updateSettings', { ...changes }, now));
  return { settings, staffLimits };
}

export async function setTiers(tiers: TierDefinition[], actor: string, now: Date): Promise<{ tiers: TierDefinition[] }> {
  const problems = ladderProblems(tiers);
  if (problems.length > 0) throw new AppError('CONFIG_INVALID', problems.join('; '), { problems });
  const sorted = sortLadder(tiers);
  await saveTiers(sorted, now);
  await recordAudit(adminAudit(actor, 'admin.setTiers', { codes: sorted.map((t) => t.code) }, now));
  return { tiers: sorted };
}
