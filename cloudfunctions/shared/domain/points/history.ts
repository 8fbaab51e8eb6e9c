import type { LedgerEntryView } from '../../../../typings/domain';
import { COLLECTIONS } from '../../data/collections';
import type { LedgerDoc } from '../../data/documents';
import { command } from '../../data/database';
import { find } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { requireMemberByOpenid } from '../members/directory';
import { ledgerEntryView, pendingLotsAt } from './views';

/** Cursor = base64url("<createdAt millis>:<entry id>") of the last entry shown; stable under inserts. */
function encodeCursor(doc: LedgerDoc): string {
  return Buffer.from(`${doc.createdAt.getTime()}:${doc._id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const match = /^(\d{1,15}):([A-Za-z0-9_-]{1,200})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new AppError('INVALID_INPUT', 'cursor is not valid');
  return { at: new Date(Number(match[1])), id: match[2] };
}

/** The shopper's ledger, newest first, one page at a time (index: memberId + createdAt). */
export async function ledgerHistory(openid: string, cursor: string | undefined, limit: number, now: Date): Promise<{ items: LedgerEntryView[]; nextCursor: string | null }> {
  const member = await requireMemberByOpenid(openid);
  const _ = command();
  let where: Record<string, unknown> = { memberId: member._id };
  if (cursor) {
    const { at, id } = decodeCursor(cursor);
    where = _.and([
      { memberId: member._id },
      _.or([{ createdAt: _.lt(at) }, { createdAt: at, _id: _.lt(id) }]),
    ]) as unknown as Record<string, unknown>;
  }
  const page = await find<LedgerDoc>(COLLECTIONS.ledger, where, { orderBy: [['createdAt', 'desc'], ['_id', 'desc']], limit: limit + 1 });
  const items = page.slice(0, limit);
  const pending = pendingLotsAt(member, now);
  return { items: items.map((doc) => ledgerEntryView(doc, pending)), nextCursor: page.length > limit ? encodeCursor(items[items.length - 1]) : null };
}
