import { adminAudit, auditInTransaction } from '../audit/audit';
import { COLLECTIONS } from '../../data/collections';
import type { MemberDoc } from '../../data/documents';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';

/** Replaces a member's tags (the labels `{ "tags": [...] }` audiences target), audited. */
export async function setMemberTags(memberId: string, tags: string[], actor: string, now: Date): Promise<{ memberId: string; tags: string[] }> {
  const unique = [...new Set(tags)];
  return inTransaction(async (tx) => {
    const member = await tx.get<MemberDoc>(COLLECTIONS.members, memberId);
    if (!member || member.status !== 'active') throw new AppError('MEMBER_NOT_FOUND');
    await tx.put<MemberDoc>(COLLECTIONS.members, { ...member, tags: unique, updatedAt: now });
    await auditInTransaction(tx, adminAudit(actor, 'campaign.setMemberTags', { tags: unique }, now, { memberId }));
    return { memberId, tags: unique };
  });
}
