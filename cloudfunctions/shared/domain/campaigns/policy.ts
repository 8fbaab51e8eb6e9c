import type { CampaignBudget, CampaignReward, FrequencyCap } from '../../../../typings/api';
import type { CampaignCapDoc, CampaignMultiplier } from '../../data/documents';
import { addDays } from '../time/calendar';

/** Pure rules of a grant: frequency caps, the budget, schedule, and multipliers at the till. */

export function isCapped(cap: Pick<CampaignCapDoc, 'lastGrantAt'> | null, frequency: FrequencyCap, now: Date): boolean {
  if (!cap) return false;
  if (frequency.kind === 'oncePerCampaign') return true;
  return addDays(new Date(cap.lastGrantAt), frequency.days) > now;
}

export function pointsOf(reward: CampaignReward): number {
  return reward.kind === 'points' ? reward.points : 0;
}

/** Whether one more grant of `reward` fits the campaign's lifetime budget. */
export function fitsBudget(spent: { grants: number; points: number }, budget: CampaignBudget, reward: CampaignReward): boolean {
  if (budget.maxGrants !== undefined && spent.grants + 1 > budget.maxGrants) return false;
  if (budget.maxPoints !== undefined && spent.points + pointsOf(reward) > budget.maxPoints) return false;
  return true;
}

export function inSchedule(schedule: { startAt: Date; endAt: Date }, now: Date): boolean {
  return now >= new Date(schedule.startAt) && now <= new Date(schedule.endAt);
}

/** Multipliers in force at `now`, as permille values for pointsForPurchase. */
export function activeMultipliers(granted: readonly CampaignMultiplier[] | undefined, now: Date): number[] {
  return (granted ?? []).filter((g) => now >= new Date(g.from) && now <= new Date(g.until)).map((g) => g.permille);
}

/** Adds a campaign's multiplier grant, replacing that campaign's earlier one and dropping lapsed ones. */
export function withMultiplier(granted: readonly CampaignMultiplier[] | undefined, grant: CampaignMultiplier, now: Date): CampaignMultiplier[] {
  return [...(granted ?? []).filter((g) => g.campaignId !== grant.campaignId && new Date(g.until) >= now), grant];
}

/**
 * A rough cost of a multiplier grant for the preview: the member's average daily spend since
 * joining, over the multiplier's days, times the extra points the multiplier adds.
 */
export function estimatedMultiplierPoints(stats: { spentFen: number }, joinedAt: Date, reward: { permille: number; days: number }, pointsPerYuan: number, now: Date): number {
  const days = Math.max(1, (now.getTime() - new Date(joinedAt).getTime()) / 86_400_000);
  const fenInWindow = (stats.spentFen / days) * reward.days;
  return Math.floor(((fenInWindow * pointsPerYuan) / 100) * ((reward.permille - 1000) / 1000));
}
