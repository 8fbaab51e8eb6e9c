import { createHash, randomBytes } from 'node:crypto';

/** 32 lowercase hex characters, the shape of CloudBase's generated ids. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

/** A stable, non-reversible key for a value (e.g. an openid) used as a document id. */
export function digestId(value: string, namespace: string): string {
  return createHash('sha256').update(`${namespace}:${value}`).digest('hex').slice(0, 32);
}
