import { createHash } from 'node:crypto';
import { COLLECTIONS } from '../../data/collections';
import type { ReferralCodeDoc } from '../../data/documents';
import { getById, insert } from '../../data/store';
import { AppError } from '../../platform/app-error';

/** No 0/O, 1/I/L: codes are read aloud and typed. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 10 characters ≈ 49 bits: a collision is unlikely even with millions of members, and is refused, never shared. */
const LENGTH = 10;

/** A member's invite code, derived from the member id, so asking twice gives the same code. */
export function inviteCodeFor(memberId: string): string {
  const bytes = createHash('sha256').update(`invite:${memberId}`).digest();
  return Array.from(bytes.subarray(0, LENGTH), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export const inviteCodePattern = /^[2-9A-HJKMNP-Z]{10}$/;

/** Registers the code (id = code) on first use; a concurrent first call hits the same id and is fine. */
export async function ensureInviteCode(memberId: string, now: Date): Promise<string> {
  const code = inviteCodeFor(memberId);
  let owner = await getById<ReferralCodeDoc>(COLLECTIONS.referralCodes, code);
  if (!owner) {
    try {
      await insert<ReferralCodeDoc>(COLLECTIONS.referralCodes, { _id: code, memberId, createdAt: now });
      return code;
    } catch (error) {
      owner = await getById<ReferralCodeDoc>(COLLECTIONS.referralCodes, code);
      if (!owner) throw error;
    }
  }
  if (owner.memberId !== memberId) throw new AppError('CONFLICT', '邀请码生成冲突，请联系客服');
  return code;
}

export async function ownerOfCode(code: string): Promise<string | null> {
  return (await getById<ReferralCodeDoc>(COLLECTIONS.referralCodes, code))?.memberId ?? null;
}
