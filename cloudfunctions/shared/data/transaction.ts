import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../platform/app-error';
import type { CollectionName } from './collections';
import { database } from './database';
import { isDuplicateWrite, isRetryableInTransaction } from './sdk-error';
import { checked } from './store';

type SdkTransaction = Awaited<ReturnType<ReturnType<typeof database>['startTransaction']>>;
type Untyped = Record<string, unknown>;

/** Typed single-document operations inside one CloudBase transaction (no queries: the platform forbids them). */
export class Tx {
  constructor(private readonly sdk: SdkTransaction) {}

  async get<T>(name: CollectionName, id: string): Promise<T | null> {
    const res = checked(await this.sdk.collection(name).doc(id).get()) as { data?: unknown };
    const data = Array.isArray(res.data) ? res.data[0] : res.data;
    return (data as T | null | undefined) ?? null;
  }

  /** Creates the document; commits fail if another transaction created the same id first. */
  async create<T extends { _id: string }>(name: CollectionName, doc: T): Promise<void> {
    checked((await this.sdk.collection(name).add(doc as unknown as Untyped)) as object);
  }

  async put<T extends { _id: string }>(name: CollectionName, doc: T): Promise<void> {
    const { _id, ...rest } = doc;
    checked((await this.sdk.collection(name).doc(_id).set(rest)) as object);
  }

  async patch(name: CollectionName, id: string, changes: Untyped): Promise<void> {
    checked((await this.sdk.collection(name).doc(id).update(changes)) as object);
  }

  async remove(name: CollectionName, id: string): Promise<void> {
    checked((await this.sdk.collection(name).doc(id).remove()) as object);
  }
}

export interface RetryPolicy {
  attempts: number;
  /** The smallest backoff unit, for attempts that ran faster than this. */
  baseDelayMs: number;
  /** Doublings of the backoff unit: the ceiling stops growing after this many conflicts. */
  maxDoublings: number;
}

/**
 * Hot documents (one member's card under a burst of till calls) conflict often; the SDK's
 * runTransaction retries only 3 times without delay, so we retry with full-jitter backoff.
 *
 * The backoff is measured in the failed attempt's own duration, not in fixed milliseconds: the
 * window in which contenders collide is one attempt long, so a machine (or a cloud) that runs
 * attempts ten times slower gets backoffs ten times longer and the same odds of success per
 * attempt. With fixed milliseconds a slow machine made every backoff relatively short, and 50
 * contenders ran out of attempts (issue 15: CONFLICT/INTERNAL under CPU load). The budget is a
 * number of attempts, never a time.
 */
const DEFAULT_POLICY: RetryPolicy = { attempts: 60, baseDelayMs: 5, maxDoublings: 6 };

/** Full-jitter backoff ceiling after `attempt` failures of attempts that took `attemptMs` each. */
export function backoffCeilingMs(policy: RetryPolicy, attempt: number, attemptMs: number): number {
  return Math.max(policy.baseDelayMs, attemptMs) * 2 ** Math.min(attempt, policy.maxDoublings);
}

/**
 * A duplicate create is retried only this often. Ids derive from collision-free business keys
 * (platform/ids.ts) and every create follows a read of its id or of the record that owns it, so
 * a re-run sees the other writer's commit and answers as a replay (or a conflict). A duplicate
 * that survives re-runs is not a race: it is the same id wanted by another request, answered at
 * once as KEY_CONFLICT instead of spinning into the function's timeout.
 */
const DUPLICATE_RETRIES = 2;

/**
 * Runs `work` in a transaction, retrying it from scratch on write conflicts (and, a bounded number
 * of times, on duplicate creates, see isRetryableInTransaction). `work` must be
 * a pure function of what it reads through `tx`, since it may run several times.
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>, policy: RetryPolicy = DEFAULT_POLICY): Promise<T> {
  let duplicates = 0;
  for (let attempt = 1; ; attempt += 1) {
    const started = performance.now();
    const sdkTx = await database().startTransaction();
    let settled = false;
    try {
      const result = await work(new Tx(sdkTx));
      settled = true;
      await sdkTx.commit();
      return result;
    } catch (error) {
      if (!settled) await sdkTx.rollback().catch(() => undefined);
      if (!isRetryableInTransaction(error)) throw error;
      if (isDuplicateWrite(error) && ++duplicates > DUPLICATE_RETRIES) {
        throw new AppError('KEY_CONFLICT', 'A record with this key already exists for another request');
      }
      if (attempt >= policy.attempts) throw new AppError('CONFLICT', 'Too many concurrent changes; please retry');
      await sleep(Math.random() * backoffCeilingMs(policy, attempt, performance.now() - started));
    }
  }
}
