// The aggregate $geoNear stage (db.collection().aggregate().geoNear({...})): documents with a
// point at the indexed path, nearest first, the distance in `distanceField` (metres, times
// `distanceMultiplier`), filtered by `query`, `minDistance` / `maxDistance`. Like MongoDB it
// must be the first stage (operations.ts) and needs a 2dsphere index: `key` names it, or the
// collection has exactly one.

import { resolve, setValue } from './mingo-internals';
import { cloneDoc, type Doc } from './codec';
import { invalidParam, mongoFailure } from './errors';
import { asGeometry, nearDistance } from './geo';
import { Query } from './mingo-context';
import { isPlainObject, type JsonObject } from './protocol';
import type { Store } from './store';

function geoKey(store: Store, coll: string, key: unknown): string {
  const paths = store.geoIndexedPaths(coll);
  if (typeof key === 'string') {
    if (!paths.includes(key)) throw mongoFailure('IndexNotFound', `$geoNear: no 2dsphere index found for key '${key}'`);
    return key;
  }
  if (paths.length === 0) throw mongoFailure('IndexNotFound', '$geoNear requires a 2d or 2dsphere index, but none were found');
  if (paths.length > 1) throw mongoFailure('IndexNotFound', `There is more than one 2dsphere index on ${coll}; unsure which to use for $geoNear`);
  return paths[0];
}

export function runGeoNearStage(store: Store, coll: string, docs: Doc[], spec: JsonObject): Doc[] {
  const near = asGeometry(spec.near);
  if (!near || near.type !== 'Point') throw invalidParam('$geoNear requires near to be a Point');
  if (typeof spec.distanceField !== 'string' || spec.distanceField === '') throw invalidParam('$geoNear requires a distanceField');
  const distanceField = spec.distanceField;
  const path = geoKey(store, coll, spec.key);
  const num = (v: unknown, dflt: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : dflt);
  const min = num(spec.minDistance, 0);
  const max = num(spec.maxDistance, Infinity);
  const multiplier = num(spec.distanceMultiplier, 1);
  const query = isPlainObject(spec.query) ? new Query(spec.query) : undefined;
  const includeLocs = typeof spec.includeLocs === 'string' ? spec.includeLocs : undefined;
  const hits: Array<{ d: number; doc: Doc }> = [];
  for (const doc of docs) {
    const d = nearDistance(doc, path, near);
    if (d === undefined || d < min || d > max) continue;
    if (query && !query.test(doc)) continue;
    hits.push({ d, doc });
  }
  hits.sort((a, b) => a.d - b.d);
  return hits.map(({ d, doc }) => {
    const out = cloneDoc(doc);
    setValue(out, distanceField, d * multiplier);
    if (includeLocs) setValue(out, includeLocs, cloneDoc(resolve(doc, path)));
    return out;
  });
}
