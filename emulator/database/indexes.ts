// The checked-in index declaration file (default
// cloudfunctions/shared/data/indexes.json) is the single source for both the
// emulator's SQLite indexes and the indexes a console user creates in the
// cloud. Format: { "<collection>": [ { name, fields: [[path, 1|-1|"2dsphere"], ...],
// unique?, sparse? } ], ... }; keys starting with "$" (e.g. "$comment") are
// ignored. A collection listed with [] is "declared": it exists from start-up,
// as if created in the console.

import * as fs from 'fs';

/** 1 / -1: ascending / descending (only matters to the cloud console); "2dsphere": geospatial. */
export type IndexKind = 1 | -1 | '2dsphere';

export interface IndexSpec {
  name: string;
  /** Dot paths with their kind. */
  fields: ReadonlyArray<readonly [string, IndexKind]>;
  unique: boolean;
  /** Mongo semantics: a sparse unique index ignores documents missing the fields. */
  sparse: boolean;
}

export type IndexCatalog = ReadonlyMap<string, readonly IndexSpec[]>;

function fail(file: string, msg: string): never {
  throw new Error(`${file}: ${msg}`);
}

function parseIndex(file: string, coll: string, raw: unknown): IndexSpec {
  if (typeof raw !== 'object' || raw === null) fail(file, `${coll}: index must be an object`);
  const r = raw as Record<string, unknown>;
  if (typeof r.name !== 'string' || !/^[A-Za-z0-9_]+$/.test(r.name)) fail(file, `${coll}: index name must match [A-Za-z0-9_]+`);
  if (!Array.isArray(r.fields) || r.fields.length === 0) fail(file, `${coll}.${r.name}: fields must be a non-empty array`);
  const fields = r.fields.map((f: unknown): readonly [string, IndexKind] => {
    if (!Array.isArray(f) || f.length !== 2 || typeof f[0] !== 'string' || (f[1] !== 1 && f[1] !== -1 && f[1] !== '2dsphere')) {
      fail(file, `${coll}.${String(r.name)}: each field must be [path, 1 | -1 | "2dsphere"]`);
    }
    if (!/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(f[0])) fail(file, `${coll}.${String(r.name)}: bad field path '${f[0]}'`);
    return [f[0], f[1]];
  });
  for (const key of ['unique', 'sparse']) {
    if (r[key] !== undefined && typeof r[key] !== 'boolean') fail(file, `${coll}.${r.name}: ${key} must be boolean`);
  }
  return { name: r.name, fields, unique: r.unique === true, sparse: r.sparse === true };
}

export function parseIndexCatalog(json: unknown, file = 'indexes.json'): IndexCatalog {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail(file, 'top level must be an object');
  const out = new Map<string, IndexSpec[]>();
  for (const [coll, list] of Object.entries(json as Record<string, unknown>)) {
    if (coll.startsWith('$')) continue;
    if (!Array.isArray(list)) fail(file, `${coll}: expected an array of indexes`);
    const specs = list.map((x: unknown) => parseIndex(file, coll, x));
    const names = new Set<string>();
    for (const s of specs) {
      if (names.has(s.name)) fail(file, `${coll}: duplicate index name ${s.name}`);
      names.add(s.name);
    }
    out.set(coll, specs);
  }
  return out;
}

/** Paths a 2dsphere index covers in one collection. */
export function geoPaths(specs: readonly IndexSpec[] | undefined): string[] {
  return (specs ?? []).flatMap((s) => s.fields.filter(([, kind]) => kind === '2dsphere').map(([p]) => p));
}

/** Missing file → empty catalog (nothing declared); malformed file → throws. */
export function loadIndexCatalog(file: string): IndexCatalog {
  if (!fs.existsSync(file)) return new Map();
  return parseIndexCatalog(JSON.parse(fs.readFileSync(file, 'utf8')), file);
}
