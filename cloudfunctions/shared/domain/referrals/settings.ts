import type { ReferralSettings } from '../../../../typings/api/referral';
import { COLLECTIONS } from '../../data/collections';
import type { SettingsDoc } from '../../data/documents';
import { getById, put } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { recordAudit, adminAudit } from '../audit/audit';

/** Documented defaults (docs/loyalty-rules.md, "Referrals"). */
export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = {
  enabled: true,
  attributionWindowDays: 7,
  qualifyingMinFen: 5_000,
  inviteePoints: 100,
  inviterPoints: 200,
  inviteeCouponTemplateId: null,
  inviterCouponTemplateId: null,
  inviterMonthlyCap: 10,
};

/** Stored in the settings collection beside the loyalty settings, one document. */
const KEY = 'referral';

export async function loadReferralSettings(): Promise<ReferralSettings> {
  const doc = await getById<SettingsDoc<Partial<ReferralSettings>>>(COLLECTIONS.settings, KEY);
  return { ...DEFAULT_REFERRAL_SETTINGS, ...doc?.value };
}

export async function updateReferralSettings(changes: Partial<ReferralSettings>, actor: string, now: Date): Promise<ReferralSettings> {
  const settings = { ...(await loadReferralSettings()), ...changes };
  for (const templateId of [settings.inviteeCouponTemplateId, settings.inviterCouponTemplateId]) {
    if (templateId && !(await getById(COLLECTIONS.couponTemplates, templateId))) throw new AppError('CONFIG_INVALID', `coupon template ${templateId} does not exist`);
  }
  await put<SettingsDoc<ReferralSettings>>(COLLECTIONS.settings, { _id: KEY, value: settings, updatedAt: now });
  await recordAudit(adminAudit(actor, 'referral.updateSettings', { ...changes }, now));
  return settings;
}
