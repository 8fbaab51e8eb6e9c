// Geospatial queries with MongoDB 2dsphere semantics, computed by @turf/* (no hand-written
// geometry): the query operators $nearSphere (db.command.geoNear), $geoWithin
// (geometry or $centerSphere), $geoIntersects, and the aggregate $geoNear stage.
//
// Field values are GeoJSON as the SDK writes them (db.Geo.Point → { type: 'Point',
// coordinates: [lng, lat] }); legacy [lng, lat] pairs are accepted as points too.
// Distances are on a sphere of MongoDB's radius (6378.1 km, kRadiusOfEarthInMeters), so a
// $maxDistance boundary agrees with the cloud; turf computes the angle (haversine).
// Like MongoDB, $nearSphere and $geoNear need a 2dsphere index on the field (indexes.json:
// `"fields": [["location", "2dsphere"]]`); $geoWithin / $geoIntersects do not.

import { booleanIntersects } from '@turf/boolean-intersects';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { booleanWithin } from '@turf/boolean-within';
import { distance } from '@turf/distance';
import type { Geometry, Point, Polygon, MultiPolygon } from 'geojson';
import { resolve } from './mingo-internals';
import { invalidParam, mongoFailure } from './errors';
import { isPlainObject, type JsonObject } from './protocol';

/** MongoDB's earth radius for spherical geometry (src/mongo/db/geo/geoconstants.h). */
export const EARTH_RADIUS_METERS = 6_378_100;

const GEOMETRY_TYPES = new Set(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon']);

/** The stored value as a GeoJSON geometry, or undefined when it is not one. */
export function asGeometry(v: unknown): Geometry | undefined {
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) {
    return { type: 'Point', coordinates: v as number[] };
  }
  if (isPlainObject(v) && typeof v.type === 'string' && GEOMETRY_TYPES.has(v.type) && Array.isArray(v.coordinates)) {
    return v as unknown as Geometry;
  }
  return undefined;
}

function queryGeometry(spec: unknown, op: string): Geometry {
  const g = isPlainObject(spec) ? asGeometry(spec.$geometry ?? spec) : undefined;
  if (!g) throw invalidParam(`${op} needs a GeoJSON $geometry`);
  return g;
}

/** Great-circle distance in metres between two points. */
export function metersBetween(a: Point, b: Point): number {
  return distance(a.coordinates, b.coordinates, { units: 'radians' }) * EARTH_RADIUS_METERS;
}

function isArea(g: Geometry): g is Polygon | MultiPolygon {
  return g.type === 'Polygon' || g.type === 'MultiPolygon';
}

/** Candidate geometries at a path (a path through an array yields each element). */
function geometriesAt(obj: unknown, path: string): Geometry[] {
  const v = resolve(obj as object, path);
  const direct = asGeometry(v);
  if (direct) return [direct];
  if (Array.isArray(v)) return v.map(asGeometry).filter((g): g is Geometry => g !== undefined);
  return [];
}

export interface NearSpec {
  point: Point;
  minDistance: number;
  maxDistance: number;
}

export function nearSpec(raw: unknown, op: string): NearSpec {
  const spec = isPlainObject(raw) ? raw : {};
  const point = queryGeometry(spec, op);
  if (point.type !== 'Point') throw invalidParam(`${op} needs a Point`);
  const num = (v: unknown, dflt: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : dflt);
  return { point, minDistance: num(spec.$minDistance, 0), maxDistance: num(spec.$maxDistance, Infinity) };
}

/** Distance from a near point to a stored point (other geometries: no distance). */
export function nearDistance(obj: unknown, path: string, point: Point): number | undefined {
  let best: number | undefined;
  for (const g of geometriesAt(obj, path)) {
    if (g.type !== 'Point') continue;
    const d = metersBetween(point, g);
    if (best === undefined || d < best) best = d;
  }
  return best;
}

function within(g: Geometry, area: Geometry): boolean {
  if (!isArea(area)) return false;
  if (g.type === 'Point') return booleanPointInPolygon(g, area);
  return booleanWithin(g, area);
}

type Predicate = (obj: unknown) => boolean;

function $nearSphere(selector: string, value: unknown): Predicate {
  const { point, minDistance, maxDistance } = nearSpec(value, '$nearSphere');
  return (obj) => {
    const d = nearDistance(obj, selector, point);
    return d !== undefined && d >= minDistance && d <= maxDistance;
  };
}

function $geoWithin(selector: string, value: unknown): Predicate {
  if (isPlainObject(value) && Array.isArray(value.$centerSphere)) {
    const [center, radians] = value.$centerSphere as [unknown, unknown];
    const c = asGeometry(center);
    if (!c || c.type !== 'Point' || typeof radians !== 'number') throw invalidParam('$centerSphere expects [[lng, lat], radius in radians]');
    return (obj) =>
      geometriesAt(obj, selector).some((g) => g.type === 'Point' && distance(c.coordinates, g.coordinates, { units: 'radians' }) <= radians);
  }
  const area = queryGeometry(value, '$geoWithin');
  if (!isArea(area)) throw invalidParam('$geoWithin needs a Polygon or MultiPolygon');
  return (obj) => geometriesAt(obj, selector).some((g) => within(g, area));
}

function $geoIntersects(selector: string, value: unknown): Predicate {
  const shape = queryGeometry(value, '$geoIntersects');
  return (obj) => geometriesAt(obj, selector).some((g) => booleanIntersects(g, shape));
}

export const geoQueryOperators = { $nearSphere, $near: $nearSphere, $geoWithin, $geoIntersects };

/** The `$nearSphere`/`$near` condition of a filter (top level or $and-ed), which orders the result. */
export function findNear(filter: JsonObject): { path: string; spec: NearSpec } | undefined {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) {
        const found = isPlainObject(sub) ? findNear(sub) : undefined;
        if (found) return found;
      }
    } else if (!key.startsWith('$') && isPlainObject(value)) {
      const raw = value.$nearSphere ?? value.$near;
      if (raw !== undefined) return { path: key, spec: nearSpec(raw, '$nearSphere') };
    }
  }
  return undefined;
}

/** Whether a near query hides somewhere the emulator cannot order by ($or, $not, $elemMatch). */
export function mentionsNear(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(mentionsNear);
  if (!isPlainObject(v)) return false;
  return Object.entries(v).some(([k, x]) => k === '$nearSphere' || k === '$near' || mentionsNear(x));
}

/** MongoDB's answer when a near query has no 2dsphere index to use. */
export function noGeoIndex(what: string): Error {
  return mongoFailure('NoQueryExecutionPlans', `error processing query: planner returned error :: caused by :: unable to find index for ${what} query`);
}
