import { COLLECTIONS } from '../../data/collections';
import type { ErasedIdentityDoc } from '../../data/documents';
import { getById } from '../../data/store';
import type { Tx } from '../../data/transaction';
import { identityDigest } from './personal-data';

/** The platform's identity of a caller: the openid, and the unionid when the app is bound to an open-platform account. */
export interface WechatIdentity {
  openid: string;
  unionid: string | null;
}

function digestsOf(identity: WechatIdentity): string[] {
  return [identityDigest('openid', identity.openid), ...(identity.unionid ? [identityDigest('unionid', identity.unionid)] : [])];
}

/** What an erased earlier membership of this WeChat user left behind (null: never erased). */
export interface ErasedMemory {
  birthdayGiftYear: number | null;
}

function merge(docs: Array<ErasedIdentityDoc | null>): ErasedMemory | null {
  const found = docs.filter((doc): doc is ErasedIdentityDoc => doc !== null);
  if (found.length === 0) return null;
  const years = found.map((doc) => doc.birthdayGiftYear).filter((year): year is number => year !== null);
  return { birthdayGiftYear: years.length > 0 ? Math.max(...years) : null };
}

export async function erasedMemory(identity: WechatIdentity): Promise<ErasedMemory | null> {
  return merge(await Promise.all(digestsOf(identity).map((id) => getById<ErasedIdentityDoc>(COLLECTIONS.erasedIdentities, id))));
}

export async function erasedMemoryIn(tx: Tx, identity: WechatIdentity): Promise<ErasedMemory | null> {
  return merge(await Promise.all(digestsOf(identity).map((id) => tx.get<ErasedIdentityDoc>(COLLECTIONS.erasedIdentities, id))));
}

/** Inside the erasure transaction: remember the identity (keyed digests only) and the last gift year. */
export async function rememberErased(tx: Tx, identity: WechatIdentity, birthdayGiftYear: number | null, now: Date): Promise<void> {
  const earlier = await erasedMemoryIn(tx, identity);
  const years = [earlier?.birthdayGiftYear ?? null, birthdayGiftYear].filter((year): year is number => year !== null);
  const doc = { birthdayGiftYear: years.length > 0 ? Math.max(...years) : null, updatedAt: now };
  for (const id of digestsOf(identity)) await tx.put<ErasedIdentityDoc>(COLLECTIONS.erasedIdentities, { _id: id, ...doc });
}
