import type { CollectionName } from '../cloudfunctions/shared/data/collections';
import { inTransaction } from '../cloudfunctions/shared/data/transaction';
import { sdkEnvironmentFor } from '../emulator/database/sdk-env';
import { internalsOf, startDatabaseServer } from '../emulator/database/server';
import { fmt, timedAsync, type Section } from './lib/report';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** A collection outside the product's catalogue (the typed helpers take catalogue names). */
const HOT = 'hot' as CollectionName;

/**
 * Transactions contending on hot documents, shaped like a till purchase: read the member card
 * and the cashier's daily usage, write the card first, then the usage and a new order, commit.
 * Runs through the real SDK and the product's own retry loop (inTransaction), against an
 * in-process emulator database; measures how the conflict rule costs time.
 */
async function contend(workers: number): Promise<{ ms: number; attempts: number; conflicts: number }> {
  const server = await startDatabaseServer({ dataDir: null, indexesFile: '/nonexistent', unindexedQueries: 'off' });
  Object.assign(process.env, sdkEnvironmentFor(server.url));
  const { database } = await import('../cloudfunctions/shared/data/database');
  const db = database();
  await db.collection('hot').add([{ _id: 'member', n: 0 }, { _id: 'daily', n: 0 }]);
  const { transactions } = internalsOf(server);
  const { ms } = await timedAsync(() =>
    Promise.all(
      Array.from({ length: workers }, (_, i) =>
        inTransaction(async (tx) => {
          const [member, daily] = await Promise.all([tx.get<{ n: number }>(HOT, 'member'), tx.get<{ n: number }>(HOT, 'daily')]);
          await tx.put(HOT, { _id: 'member', n: (member?.n ?? 0) + 1 });
          await Promise.all([tx.put(HOT, { _id: 'daily', n: (daily?.n ?? 0) + 1 }), tx.create(HOT, { _id: `order-${i}` })]);
        }),
      ),
    ),
  );
  const final = (await db.collection('hot').doc('member').get()).data[0] as { n: number };
  if (final.n !== workers) throw new Error(`lost updates: ${final.n} of ${workers}`);
  const { started, conflicts } = transactions.counters;
  await server.close();
  return { ms, attempts: started, conflicts };
}

export async function hotDocument(): Promise<Section> {
  const rows: Array<Array<string | number>> = [];
  for (const workers of [10, 50]) {
    const runs = [];
    for (let r = 0; r < ROUNDS; r++) runs.push(await contend(workers));
    runs.sort((a, b) => a.ms - b.ms);
    const mid = runs[Math.floor(runs.length / 2)];
    rows.push([workers, fmt.int(mid.ms), fmt.ms(mid.ms / workers), fmt.int(mid.attempts), fmt.int(mid.conflicts)]);
  }
  return {
    title: 'Transactions contending on hot documents',
    command: 'npm run bench -- hot',
    headers: ['concurrent purchases', 'total ms (median)', 'ms per commit', 'transaction attempts', 'conflicts'],
    rows,
    notes: [
      `Each purchase: one transaction that reads the card and the daily usage, writes the card, then the usage and an order, and commits; the product's inTransaction retries with jittered backoff. Median of ${ROUNDS} runs; SDK and emulator share one process.`,
      'Conflict rule: the first transaction to write a document owns it until it ends; another transaction writing it fails at that write (MongoDB/CloudBase), reads use a snapshot. Hot documents therefore serialise on the window between their first write and the commit.',
    ],
  };
}
