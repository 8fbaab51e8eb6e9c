import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CustomerRef, ImportProgress, OrderRules } from '../../../../typings/api/orders';
import { COLLECTIONS } from '../../data/collections';
import type { OrderImportDoc } from '../../data/documents';
import { getById, put } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError, isAppError } from '../../platform/app-error';
import { businessKey, fen, mainlandPhone } from '../../platform/schemas';
import { loadConfiguration, type Configuration } from '../settings/service';
import { identifyCustomer } from './identify';
import { STORE_CHANNEL } from './keys';
import { ONLINE_STORE } from './feed';
import { loadOrderRules } from './rules';
import { creditSale, type Sale } from './sale';
import { keepUnclaimed } from './unclaimed';

/**
 * Historical orders (docs/order-feed.md, "Importing history"), so a brand starts with its customers'
 * recency, frequency and spend. Each row goes through the sale path as a history sale: it counts
 * as an order, spend and growth in its own month (and may lift the tier), and earns no points.
 * Rows are keyed like live orders (channel, order number), so a row is never credited twice,
 * whether the import is re-run, resumed, or the order also arrives live. Progress is saved as it
 * goes: calling again with the same id and text continues at `nextRow`.
 */
export const IMPORT_MAX_ERRORS = 500;
const SAVE_EVERY_ROWS = 50;
const CSV_COLUMNS = ['channel', 'orderNo', 'amountFen', 'paidAt', 'storeId', 'cardNo', 'phone', 'openid', 'unionid'] as const;

const channel = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'channel: lowercase letters, digits, - or _');
const importRow = z.strictObject({
  channel: channel.default(STORE_CHANNEL),
  orderNo: businessKey,
  amountFen: fen,
  paidAt: z.iso.datetime({ offset: true }),
  storeId: businessKey.optional(),
  cardNo: z.string().regex(/^\d{8,20}$/).optional(),
  phone: mainlandPhone.optional(),
  openid: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/).optional(),
  unionid: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/).optional(),
});
type ImportRow = z.infer<typeof importRow>;

function customerOf(row: ImportRow): CustomerRef {
  const refs: CustomerRef[] = [
    ...(row.cardNo ? [{ cardNo: row.cardNo }] : []),
    ...(row.phone ? [{ phone: row.phone }] : []),
    ...(row.openid ? [{ openid: row.openid }] : []),
    ...(row.unionid ? [{ unionid: row.unionid }] : []),
  ];
  if (refs.length !== 1) throw new AppError('INVALID_INPUT', 'exactly one of cardNo, phone, openid, unionid');
  return refs[0];
}

/**
 * One row's fields. CSV is a strict subset: a header naming columns of CSV_COLUMNS, comma-separated,
 * no quoting (no valid value contains a comma or a quote), empty cells mean absent.
 */
function rowsOf(format: 'jsonl' | 'csv', text: string): Array<() => unknown> {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (format === 'jsonl') {
    return lines.map((line) => () => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new AppError('BODY_MALFORMED', 'not a JSON object');
      }
    });
  }
  const header = (lines.shift() ?? '').split(',').map((name) => name.trim());
  const unknown = header.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0 || header.length === 0) throw new AppError('INVALID_INPUT', `CSV header: unknown columns ${unknown.join(', ')} (allowed: ${CSV_COLUMNS.join(', ')})`);
  return lines.map((line) => () => {
    const cells = line.split(',');
    if (cells.length !== header.length || line.includes('"')) throw new AppError('BODY_MALFORMED', `expected ${header.length} unquoted cells`);
    return Object.fromEntries(header.flatMap((name, i) => (cells[i].trim() === '' ? [] : [[name, name === 'amountFen' ? Number(cells[i]) : cells[i].trim()]])));
  });
}

function progressOf(doc: OrderImportDoc): ImportProgress {
  return { importId: doc._id, status: doc.nextRow >= doc.total ? 'done' : 'running', total: doc.total, nextRow: doc.nextRow, recorded: doc.recorded, unclaimed: doc.unclaimed, duplicates: doc.duplicates, errors: doc.errors };
}

async function importRow1(actor: string, importId: string, raw: unknown, config: Configuration, rules: OrderRules, now: Date): Promise<'recorded' | 'unclaimed' | 'duplicate'> {
  const parsed = importRow.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const row = parsed.data;
  const at = new Date(row.paidAt);
  if (at > now) throw new AppError('INVALID_INPUT', 'paidAt is in the future');
  const customer = await identifyCustomer(customerOf(row), config, now);
  const sale: Sale = { channel: row.channel, orderNo: row.orderNo, amountFen: row.amountFen, storeId: row.storeId ?? ONLINE_STORE, actor, history: { at } };
  const audit = { actor: { kind: 'admin' as const, id: actor }, action: 'integrations.importOrders', detail: { importId } };
  if (customer.kind === 'unknown') {
    const kept = await inTransaction((tx) => keepUnclaimed(tx, { sale, integrationId: `import:${importId}`, claimKey: customer.claimKey, unclaimedDays: rules.unclaimedDays, audit }, now));
    return kept.fresh ? 'unclaimed' : 'duplicate';
  }
  const outcome = await inTransaction((tx) => creditSale(tx, { sale, memberId: customer.memberId, recordedBy: `import:${importId}`, config, rules, audit }, now));
  return outcome.fresh ? 'recorded' : 'duplicate';
}

export async function importOrders(actor: string, input: { importId: string; format: 'jsonl' | 'csv'; text: string }, now: Date, timeLeftMs: () => number): Promise<ImportProgress> {
  const digest = createHash('sha256').update(input.format).update('\n').update(input.text).digest('hex');
  const rows = rowsOf(input.format, input.text);
  const existing = await getById<OrderImportDoc>(COLLECTIONS.orderImports, input.importId);
  if (existing && existing.textDigest !== digest) throw new AppError('IMPORT_CONFLICT');
  const doc: OrderImportDoc = existing ?? { _id: input.importId, textDigest: digest, total: rows.length, nextRow: 0, recorded: 0, unclaimed: 0, duplicates: 0, errors: [], startedAt: now, updatedAt: now };
  const [config, rules] = await Promise.all([loadConfiguration(), loadOrderRules()]);
  let unsaved = existing ? 0 : 1;
  while (doc.nextRow < doc.total && timeLeftMs() > 0) {
    const rowNo = doc.nextRow + 1; // 1-based, data rows only (a CSV header is not counted)
    try {
      const done = await importRow1(actor, input.importId, rows[doc.nextRow](), config, rules, now);
      if (done === 'recorded') doc.recorded += 1;
      else if (done === 'unclaimed') doc.unclaimed += 1;
      else doc.duplicates += 1;
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (doc.errors.length < IMPORT_MAX_ERRORS) doc.errors.push({ row: rowNo, code: error.code, message: error.message });
    }
    doc.nextRow += 1;
    unsaved += 1;
    if (unsaved >= SAVE_EVERY_ROWS) {
      await put(COLLECTIONS.orderImports, { ...doc, updatedAt: now });
      unsaved = 0;
    }
  }
  if (unsaved > 0) await put(COLLECTIONS.orderImports, { ...doc, updatedAt: now });
  return progressOf(doc);
}
