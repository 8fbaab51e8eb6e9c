// One handler per database action the node-sdk sends. Each handler validates
// its request fields, calls operations/transactions, and returns the payload
// in the exact shape the SDK reads (see the comments per action).

import type { Doc, DocId } from './codec';
import { invalidParam, unsupported, DbError, ErrorCodes } from './errors';
import { checkDocumentSize } from './limits';
import { Query } from './mingo-context';
import { Operations, toSortSpec, effectiveLimit, findIn, compileFilter } from './operations';
import {
  collectionName,
  docIdFrom,
  isPlainObject,
  optBoolean,
  optNumber,
  optString,
  parseWire,
  parseWireObject,
  reqString,
  toWire,
  type JsonObject,
  type RequestBody,
} from './protocol';
import type { ActionKind } from './stats';
import type { TransactionManager } from './transactions';
import { hasOperators } from './updates';

export interface ActionContext {
  ops: Operations;
  tx: TransactionManager;
}

export interface ActionResult {
  payload: JsonObject;
  docsRead?: number;
  docsWritten?: number;
}

interface ActionDef {
  kind: ActionKind;
  handle(body: RequestBody, ctx: ActionContext): ActionResult;
}

type QueryType = 'DOC' | 'WHERE';

function queryType(body: RequestBody): QueryType {
  const t = optString(body, 'queryType') ?? 'WHERE';
  if (t !== 'DOC' && t !== 'WHERE') throw invalidParam(`unknown queryType ${t}`);
  return t;
}

/** The `query` field: an EJSON string; absent means "all documents". */
function filterOf(body: RequestBody): JsonObject {
  const q = body.query;
  if (q === undefined || q === null || q === '') return {};
  if (typeof q !== 'string') throw invalidParam('query must be an Extended JSON string');
  return parseWireObject(q, 'query');
}

function docIdOf(body: RequestBody): DocId {
  return docIdFrom(filterOf(body)._id, 'doc id');
}

function dataObject(body: RequestBody): JsonObject {
  const d = body.data;
  if (typeof d !== 'string') throw invalidParam('data must be an Extended JSON string');
  return parseWireObject(d, 'data');
}

function project(doc: Doc, projection: JsonObject | undefined): Doc {
  if (!projection) return doc;
  return new Query({}).find([doc], projection).all()[0] as Doc;
}

function orderOf(body: RequestBody): ReturnType<typeof toSortSpec> | undefined {
  const orderText = optString(body, 'order');
  return orderText ? toSortSpec(parseWireObject(orderText, 'order')) : undefined;
}

const getDocument: ActionDef = {
  kind: 'read',
  // answer: { data: { list: [EJSON string], offset, limit } }
  handle(body, { ops, tx }) {
    const coll = collectionName(body);
    const projectionText = optString(body, 'projection');
    const projection = projectionText ? parseWireObject(projectionText, 'projection') : undefined;
    const txId = optString(body, 'transactionId');
    if (queryType(body) === 'DOC') {
      const id = docIdOf(body);
      let doc: Doc | undefined;
      if (txId) doc = tx.get(txId, coll, id);
      else {
        ops.store.requireCollection(coll);
        doc = ops.store.getById(coll, id)?.doc;
      }
      const list = doc ? [toWire(project(doc, projection))] : [];
      return { payload: { data: { list, offset: 0, limit: 1 } }, docsRead: list.length };
    }
    const findOpts = { order: orderOf(body), offset: optNumber(body, 'offset'), limit: effectiveLimit(optNumber(body, 'limit')), projection };
    if (txId) {
      // SDK 3.18 sends the transaction id with where().get(): read the transaction's snapshot.
      const docs = findIn(ops.store, coll, tx.scan(txId, coll), filterOf(body), findOpts);
      return { payload: { data: { list: docs.map(toWire), offset: findOpts.offset ?? 0, limit: findOpts.limit } }, docsRead: docs.length };
    }
    const { docs, offset, limit } = ops.find(coll, filterOf(body), findOpts);
    return { payload: { data: { list: docs.map(toWire), offset, limit } }, docsRead: docs.length };
  },
};

const calculateDocument: ActionDef = {
  kind: 'read',
  // answer: { data: { total } }
  handle(body, { ops }) {
    // The SDK sends no transaction id with count(): it runs outside any transaction.
    const total = ops.count(collectionName(body), filterOf(body));
    return { payload: { data: { total } }, docsRead: total };
  },
};

const insertDocument: ActionDef = {
  kind: 'write',
  // request data: [EJSON string per document]; answer: { data: { insertedIds } }
  handle(body, { ops, tx }) {
    const coll = collectionName(body);
    const raw = Array.isArray(body.data) ? body.data : [body.data];
    if (raw.length === 0) throw invalidParam('data must not be empty');
    const docs = raw.map((d, i) => {
      if (typeof d !== 'string') throw invalidParam(`data[${i}] must be an Extended JSON string`);
      return checkDocumentSize(parseWireObject(d, `data[${i}]`));
    });
    const txId = optString(body, 'transactionId');
    const insertedIds = txId ? docs.map((d) => tx.insert(txId, coll, d)) : ops.insert(coll, docs);
    return { payload: { data: { insertedIds } }, docsWritten: insertedIds.length };
  },
};

const modifyDocument: ActionDef = {
  kind: 'write',
  // answer: { data: { updated, upsert_id? } }
  handle(body, { ops, tx }) {
    const coll = collectionName(body);
    const data = checkDocumentSize(dataObject(body));
    const merge = optBoolean(body, 'merge') ?? true;
    const upsert = optBoolean(body, 'upsert') ?? false;
    const txId = optString(body, 'transactionId');
    let res: { updated: number; upsertId?: DocId };
    if (queryType(body) === 'DOC') {
      const id = docIdOf(body);
      res = txId ? tx.modify(txId, coll, id, data, merge, upsert) : ops.modifyById(coll, id, data, merge, upsert);
    } else {
      // The SDK sends no transaction id with where().update(): it runs outside any transaction.
      res = ops.modifyWhere(coll, filterOf(body), data, merge, optBoolean(body, 'multi') ?? true, upsert);
    }
    const payload: JsonObject = { updated: res.updated };
    if (res.upsertId !== undefined) payload.upsert_id = res.upsertId as unknown;
    return { payload: { data: payload }, docsWritten: res.updated + (res.upsertId ? 1 : 0) };
  },
};

const removeDocument: ActionDef = {
  kind: 'write',
  // answer: { data: { deleted } }
  handle(body, { ops, tx }) {
    const coll = collectionName(body);
    const txId = optString(body, 'transactionId');
    let deleted: number;
    if (queryType(body) === 'DOC') {
      const id = docIdOf(body);
      deleted = txId ? tx.remove(txId, coll, id) : ops.removeWhere(coll, { _id: id }, false);
    } else {
      // The SDK sends no transaction id with where().remove(): it runs outside any transaction.
      deleted = ops.removeWhere(coll, filterOf(body), optBoolean(body, 'multi') ?? true);
    }
    return { payload: { data: { deleted } }, docsWritten: deleted };
  },
};

const modifyAndReturnDoc: ActionDef = {
  kind: 'write',
  // query.updateAndReturn(); answer: { data: { updated, doc: EJSON string | null } }
  handle(body, { ops, tx }) {
    const coll = collectionName(body);
    const data = checkDocumentSize(dataObject(body));
    const txId = optString(body, 'transactionId');
    let res: { updated: number; doc: Doc | null };
    if (txId) {
      // SDK 3.18 sends the transaction id: the first match in the snapshot, updated in the transaction.
      const q = compileFilter(filterOf(body));
      const first = tx.scan(txId, coll).find((d) => q.test(d));
      const out = first ? tx.modify(txId, coll, first._id as DocId, data, true, false) : undefined;
      res = { updated: out?.updated ?? 0, doc: out?.doc ?? null };
    } else res = ops.modifyAndReturn(coll, filterOf(body), data);
    return { payload: { data: { updated: res.updated, doc: res.doc ? toWire(res.doc) : null } }, docsWritten: res.updated };
  },
};

const aggregateDocuments: ActionDef = {
  kind: 'read',
  // request stages: [{ stageKey: "$match", stageValue: EJSON string }]; answer: { data: { list } }
  handle(body, { ops }) {
    const coll = collectionName(body);
    if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array');
    const pipeline = body.stages.map((s: unknown, i: number): JsonObject => {
      if (!isPlainObject(s) || typeof s.stageKey !== 'string' || typeof s.stageValue !== 'string') {
        throw invalidParam(`stages[${i}] must be { stageKey, stageValue }`);
      }
      const key = s.stageKey.startsWith('$') ? s.stageKey : `$${s.stageKey}`;
      return { [key]: parseWire(s.stageValue, `stages[${i}].stageValue`) };
    });
    const list = ops.aggregate(coll, pipeline).map(toWire);
    return { payload: { data: { list } }, docsRead: list.length };
  },
};

const addCollection: ActionDef = {
  kind: 'admin',
  handle(body, { ops }) {
    const coll = collectionName(body);
    if (!ops.store.createCollection(coll)) {
      throw new DbError(ErrorCodes.DATABASE_COLLECTION_ALREADY_EXIST, `collection '${coll}' already exists`);
    }
    return { payload: {} };
  },
};

const startTransaction: ActionDef = {
  kind: 'transaction',
  // answer: { transactionId } (top level, not under data)
  handle(_body, { tx }) {
    return { payload: { transactionId: tx.begin() } };
  },
};

const commitTransaction: ActionDef = {
  kind: 'transaction',
  handle(body, { tx }) {
    tx.commit(reqString(body, 'transactionId'));
    return { payload: {} };
  },
};

const abortTransaction: ActionDef = {
  kind: 'transaction',
  handle(body, { tx }) {
    tx.abort(reqString(body, 'transactionId'));
    return { payload: {} };
  },
};

// ---- legacy transaction API (@cloudbase/database transaction.js): still
// reachable through older SDK builds; answers carry EJSON strings at top level.

const getInTransaction: ActionDef = {
  kind: 'read',
  // answer: { data: EJSON string of the doc or null }
  handle(body, { tx }) {
    const doc = tx.get(reqString(body, 'transactionId'), collectionName(body), docIdFrom(body._id, '_id'));
    return { payload: { data: toWire(doc ?? null) }, docsRead: doc ? 1 : 0 };
  },
};

const updateDocInTransaction: ActionDef = {
  kind: 'write',
  // set(): raw doc + upsert:true; update(): {$set: data}. answer: { updated: EJSON, upserted: JSON | null }
  handle(body, { tx }) {
    const data = dataObject(body);
    const upsert = optBoolean(body, 'upsert') ?? false;
    const res = tx.modify(
      reqString(body, 'transactionId'),
      collectionName(body),
      docIdFrom(body._id, '_id'),
      data,
      hasOperators(data),
      upsert,
    );
    return {
      payload: {
        updated: toWire(res.updated),
        upserted: res.upsertId ? JSON.stringify([{ index: 0, _id: res.upsertId }]) : null,
      },
      docsWritten: res.updated + (res.upsertId ? 1 : 0),
    };
  },
};

const deleteDocInTransaction: ActionDef = {
  kind: 'write',
  handle(body, { tx }) {
    const deleted = tx.remove(reqString(body, 'transactionId'), collectionName(body), docIdFrom(body._id, '_id'));
    return { payload: { deleted: toWire(deleted) }, docsWritten: deleted };
  },
};

export const ACTIONS: Readonly<Record<string, ActionDef>> = {
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.removeDocument': removeDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.aggregateDocuments': aggregateDocuments,
  'database.addCollection': addCollection,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
  'database.getInTransaction': getInTransaction,
  'database.updateDocInTransaction': updateDocInTransaction,
  'database.deleteDocInTransaction': deleteDocInTransaction,
};

export function actionKind(action: string): ActionKind | undefined {
  return ACTIONS[action]?.kind;
}

export function runAction(action: string, body: RequestBody, ctx: ActionContext): ActionResult {
  const def = ACTIONS[action];
  if (!def) throw unsupported(`action '${action}' is not supported by the emulator database endpoint`);
  return def.handle(body, ctx);
}
