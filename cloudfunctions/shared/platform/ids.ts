import { createHash, randomBytes } from 'node:crypto';

/** 32 lowercase hex characters, the shape of CloudBase's generated ids. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

/** A stable, non-reversible key for a value (e.g. an openid) used as a document id. */
export function digestId(value: string, namespace: string): string {
  return createHash('sha256').update(`${namespace}:${value}`).digest('hex').slice(0, 32);
}

/** One part of a business key: client keys are strings, counters and years are numbers. */
export type KeyPart = string | number;

/**
 * The document id (or lot id, or map key) of one business event, from its typed tuple: a kind
 * plus its parts. The tuple is JSON-encoded before hashing, so no two distinct tuples share an
 * encoding — refund `R` of order `X_1` and refund `1_R` of order `X` are `["refund","X_1","R"]`
 * and `["refund","X","1_R"]` — and kinds never share ids (an admin key `delete_<id>` is not an
 * erasure). `<kind>_<32 hex>`: 128 bits of SHA-256, one shape and length whatever the keys hold.
 */
export function keyId(kind: string, ...parts: readonly KeyPart[]): string {
  const digest = createHash('sha256').update(JSON.stringify([kind, ...parts])).digest('hex').slice(0, 32);
  return `${kind}_${digest}`;
}
