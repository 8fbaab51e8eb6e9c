import type { LifecycleStage, SegmentSettings } from '../../../../typings/api';

const DAY_MS = 24 * 3600_000;

/** Documented defaults (docs/campaigns.md); admins change them with campaign.setSegmentSettings. */
export const DEFAULT_SEGMENT_SETTINGS: SegmentSettings = {
  newWithinDays: 30,
  decliningAfterDays: 45,
  dormantAfterDays: 90,
  churnedAfterDays: 180,
  matureMinOrders: 5,
};

export interface LifecycleInput {
  joinedAt: Date;
  stats: { orders: number; lastPurchaseAt: Date | null };
}

/** Whole days from `from` to `now` (0 when `from` is later). */
export function daysBetween(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(from).getTime()) / DAY_MS));
}

/**
 * The member's lifecycle stage. Recently joined members are 'new' whatever they did; after
 * that the time since the last purchase decides (a member who never bought is measured from
 * joining and is at least 'declining', since they never started); recent buyers are 'mature'
 * with enough orders, else 'growing'.
 */
export function lifecycleStage(member: LifecycleInput, settings: SegmentSettings, now: Date): LifecycleStage {
  if (daysBetween(member.joinedAt, now) < settings.newWithinDays) return 'new';
  const last = member.stats.lastPurchaseAt;
  const idle = daysBetween(last ?? member.joinedAt, now);
  if (idle >= settings.churnedAfterDays) return 'churned';
  if (idle >= settings.dormantAfterDays) return 'dormant';
  if (idle >= settings.decliningAfterDays || !last || member.stats.orders === 0) return 'declining';
  return member.stats.orders >= settings.matureMinOrders ? 'mature' : 'growing';
}

/** Thresholds must be ordered, or some stages could never be reached. */
export function segmentSettingsProblem(s: SegmentSettings): string | null {
  if (!(s.decliningAfterDays < s.dormantAfterDays && s.dormantAfterDays < s.churnedAfterDays)) {
    return 'decliningAfterDays < dormantAfterDays < churnedAfterDays is required';
  }
  return null;
}
