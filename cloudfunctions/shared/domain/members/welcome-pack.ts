import type { WelcomeGrant, WelcomePackSettings } from '../../../../typings/api/member';
import { COLLECTIONS } from '../../data/collections';
import type { CouponTemplateDoc, LedgerDoc, MemberCouponDoc, MemberDoc, SettingsDoc } from '../../data/documents';
import { getById, put } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { keyId } from '../../platform/ids';
import { adminAudit, recordAudit } from '../audit/audit';
import { issueCoupon } from '../coupons/issue';
import { ledgerDoc, lotIds, pointsStateOf, withPointsState } from '../points/account';
import { earn } from '../points/ledger';
import { endOfMonthAfter } from '../time/calendar';

/** Off until an admin sets it (docs/loyalty-rules.md, "Welcome pack"). */
export const DEFAULT_WELCOME_PACK: WelcomePackSettings = { points: 0, couponTemplateIds: [] };

/** Stored in the settings collection beside the loyalty settings, one document. */
const KEY = 'welcome_pack';

export const welcomeIds = {
  ledger: (memberId: string) => keyId('welcome', memberId),
  coupon: (memberId: string, templateId: string) => keyId('welcome', memberId, templateId),
};

export async function loadWelcomePack(): Promise<WelcomePackSettings> {
  const doc = await getById<SettingsDoc<WelcomePackSettings>>(COLLECTIONS.settings, KEY);
  return { ...DEFAULT_WELCOME_PACK, ...doc?.value };
}

export async function updateWelcomePack(pack: WelcomePackSettings, actor: string, now: Date): Promise<WelcomePackSettings> {
  const unique = [...new Set(pack.couponTemplateIds)];
  for (const templateId of unique) {
    if (!(await getById(COLLECTIONS.couponTemplates, templateId))) throw new AppError('CONFIG_INVALID', `coupon template ${templateId} does not exist`);
  }
  const settings = { points: pack.points, couponTemplateIds: unique };
  await put<SettingsDoc<WelcomePackSettings>>(COLLECTIONS.settings, { _id: KEY, value: settings, updatedAt: now });
  await recordAudit(adminAudit(actor, 'member.setWelcomePack', { ...settings }, now));
  return settings;
}

/** The pack and its templates, read before the joining transaction (which writes neither). */
export async function loadWelcomeTemplates(pack: WelcomePackSettings): Promise<CouponTemplateDoc[]> {
  const templates = await Promise.all(pack.couponTemplateIds.map((id) => getById<CouponTemplateDoc>(COLLECTIONS.couponTemplates, id)));
  // A template deleted after the pack was saved is skipped rather than failing every sign-up.
  return templates.filter((template): template is CouponTemplateDoc => template !== null && template.active);
}

/**
 * The pack's effect on a brand-new member: points available at once (expiring like any lot),
 * one coupon per template. Ids derive from the member, so the joining transaction writes them
 * at most once; "once per WeChat identity" is the caller's rule (no pack for an erased identity).
 */
export function applyWelcomePack(member: MemberDoc, pack: WelcomePackSettings, templates: readonly CouponTemplateDoc[], expiryMonths: number, now: Date): { next: MemberDoc; entries: LedgerDoc[]; coupons: MemberCouponDoc[]; grant: WelcomeGrant } {
  const coupons = templates.map((template) => issueCoupon(template, member._id, welcomeIds.coupon(member._id, template._id), 'welcome', 'welcome_pack', now));
  const grant: WelcomeGrant = { points: pack.points, coupons: coupons.map((coupon) => ({ couponId: coupon._id, title: coupon.title })) };
  if (pack.points <= 0) return { next: member, entries: [], coupons, grant };
  const entryId = welcomeIds.ledger(member._id);
  const applied = earn(pointsStateOf(member), { id: lotIds.adjustment(entryId), amount: pack.points, earnedAt: now, availableAt: now, expiresAt: endOfMonthAfter(now, expiryMonths), orderNo: null }, 'adjust');
  const next = withPointsState(member, applied.state, now);
  const entry = ledgerDoc(member._id, applied.entry, next.points.balance, { id: entryId, reason: 'welcome_pack', actor: 'system:welcome', now });
  return { next, entries: [entry], coupons, grant };
}

export const isEmptyPack = (pack: WelcomePackSettings): boolean => pack.points <= 0 && pack.couponTemplateIds.length === 0;
