/** Domain values shared by the mini-program and the functions. Money is integer fen; dates are ISO-8601 strings on the wire. */

export type TierCode = string;

export interface TierBenefits {
  /** Points multiplier in permille: 1000 = ×1.0, 1500 = ×1.5 (integers keep money math exact). */
  pointsMultiplierPermille: number;
  /** Points granted once a year in the member's birthday month (0 = none). */
  birthdayGiftPoints: number;
  /** Human-readable perks shown on the card (Chinese copy). */
  perks: string[];
}

export interface TierDefinition {
  code: TierCode;
  name: string;
  color: string;
  /** Growth value (成长值) needed in the rolling window to hold this tier. */
  threshold: number;
  benefits: TierBenefits;
}

export interface TierView {
  code: TierCode;
  name: string;
  color: string;
  /** Text colour on `color` (white or dark), picked by the server so text reaches 4.5:1 (WCAG AA). */
  textColor: string;
  benefits: TierBenefits;
}

export interface NextTierView {
  code: TierCode;
  name: string;
  threshold: number;
  missing: number;
}

export interface PointsView {
  /** Spendable now. */
  available: number;
  /** Earned but inside the return window; becomes available when it settles. */
  pending: number;
  /** Owed from refunds of already-spent points; repaid from future earning. */
  debt: number;
  expiringSoon: { points: number; withinDays: number; earliestAt: string | null };
}

export interface MemberCard {
  memberId: string;
  cardNo: string;
  nickname: string;
  joinedAt: string;
  tier: TierView;
  growth: number;
  nextTier: NextTierView | null;
  tierProtectedUntil: string | null;
  points: PointsView;
  profile: ProfileView;
}

export interface ProfileView {
  nickname: string;
  /** MM-DD or YYYY-MM-DD as the shopper gave it. */
  birthday: string | null;
  phoneMasked: string | null;
  consentVersion: string;
}

export type LedgerEntryType = 'earn' | 'redeem' | 'expire' | 'refund_reversal' | 'adjust';

export interface LedgerEntryView {
  id: string;
  type: LedgerEntryType;
  /** Change of the points balance (negative for redeem/expire/reversal). */
  delta: number;
  /** Change of the refund debt (positive when a shortfall is recorded, negative when repaid). */
  debtDelta: number;
  balanceAfter: number;
  createdAt: string;
  orderNo: string | null;
  reason: string | null;
  /** Points of this entry still pending (inside the return window): when they become usable; null once usable or for other entries. */
  pendingUntil: string | null;
}

export interface TierChange {
  from: TierCode;
  to: TierCode;
  toName: string;
}

/** What the till sees after a scan: nothing that identifies the shopper beyond a masked name. */
export interface MemberSummary {
  memberId: string;
  maskedName: string;
  cardNoMasked: string;
  tier: TierView;
  points: { available: number; pending: number };
}
