import { createHash } from 'node:crypto';

/**
 * Whether a member falls in a campaign's control group. Deterministic (a hash of campaign and
 * member), so preview, every run and `offers` agree, and a member stays in the same group for
 * the campaign's life; independent across campaigns, so nobody is always held out.
 */
export function inHoldout(campaignId: string, memberId: string, percent: number): boolean {
  if (percent <= 0) return false;
  const bucket = createHash('sha256').update(`${campaignId}:${memberId}`).digest().readUInt32BE(0) % 10_000;
  return bucket < Math.round(percent * 100);
}
