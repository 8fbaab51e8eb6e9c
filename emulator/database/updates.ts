// Applying a modifyDocument `data` to a document with CloudBase semantics:
//  - merge=false (doc().set()): `data` replaces the whole document (keeps _id);
//  - merge=true with operators ({$set, $inc, ...}): mingo's updater applies them
//    (dot paths, $push modifiers $each/$position/$slice/$sort, $pull conditions...);
//  - merge=true without operators (raw mode): treated as {$set: data}.
// `changed`: the stored document differs (otherwise it is not rewritten and keeps its version).
// `updated`, the count answered to the SDK: for update() MongoDB's nModified (an update that
// changes nothing counts 0); for set() 1 whenever the document existed — WeChat/CloudBase
// Document.set: "updated: 成功更新的记录数量，若指定的 _id 已存在则为 1，否则为 0".

import { isEqual } from './mingo-internals';
import { cloneDoc, type Doc, type DocId } from './codec';
import { invalidParam, unsupported } from './errors';
import { updateWith } from './mingo-context';
import { isPlainObject, type JsonObject } from './protocol';

const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$currentDate',
  '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$bit',
]);

export function hasOperators(data: JsonObject): boolean {
  return Object.keys(data).some((k) => k.startsWith('$'));
}

type Modifier = Record<string, unknown>;

function toModifier(data: JsonObject): Modifier {
  const keys = Object.keys(data);
  if (!keys.every((k) => k.startsWith('$'))) {
    throw invalidParam('update document mixes operators and plain fields');
  }
  for (const k of keys) {
    if (!UPDATE_OPERATORS.has(k)) throw unsupported(`update operator ${k} is not supported by the emulator`);
    if (!isPlainObject(data[k])) throw invalidParam(`${k} expects an object`);
  }
  return data as Modifier;
}

export interface Applied {
  doc: Doc;
  changed: boolean;
  /** 0 or 1, as the SDK's `updated` (see the header) */
  updated: number;
}

function sameJson(a: Doc, b: Doc): boolean {
  // Dates serialize to ISO strings, so equal dates compare equal.
  return JSON.stringify(a) === JSON.stringify(b);
}

/** @param current existing document, or undefined for an upsert from scratch */
/** @param filter the where() query, for the positional `$` path (the first array element it matched) */
export function applyModification(id: DocId, current: Doc | undefined, data: JsonObject, merge: boolean, filter?: JsonObject): Applied {
  if (!merge) {
    if (hasOperators(data)) throw invalidParam('set() data must not contain update operators');
    if (data._id !== undefined && !isEqual(data._id, id)) throw invalidParam('cannot change _id');
    const doc: Doc = { _id: id, ...cloneDoc(data) };
    const changed = current === undefined || !sameJson(current, doc);
    return { doc, changed, updated: current === undefined ? 0 : 1 };
  }
  const modifier = hasOperators(data) ? toModifier(data) : toModifier({ $set: data });
  const doc: Doc = current ? cloneDoc(current) : { _id: id };
  const modified = updateWith(doc, modifier, filter);
  if (!isEqual(doc._id, id)) throw invalidParam('cannot change _id');
  const changed = current === undefined || modified.length > 0;
  return { doc, changed, updated: current !== undefined && changed ? 1 : 0 };
}
