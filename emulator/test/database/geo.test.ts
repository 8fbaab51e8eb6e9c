// Conformance: geospatial queries (CloudBase "地理位置" docs: db.Geo.Point / Polygon, the
// command.geoNear / geoWithin / geoIntersects query commands and the aggregate geoNear stage,
// "需对查询字段建立地理位置索引"; MongoDB manual: $nearSphere "requires a geospatial index" and
// "sorts documents by distance", distances in metres on a sphere; $geoWithin, $geoIntersects;
// $geoNear "must be the first stage"). Real SDK only. The fixture declares 2dsphere indexes on
// places.location and zones.area (indexes.fixture.json).

import { startHarness, thrown, type AnyDoc, type Harness } from './harness';

let h: Harness;
/** node-sdk 3.18 types db.Geo with Point only; the classes below exist at run time (geo/index.js). */
interface GeoKit {
  Point: new (longitude: number, latitude: number) => object;
  LineString: new (points: object[]) => object;
  Polygon: new (lines: object[]) => object;
  MultiPolygon: new (polygons: object[]) => object;
}
let Geo: GeoKit;
const KM = 1000;
const GUANGZHOU = [113.2644, 23.1291] as const;
const SHENZHEN = [114.0579, 22.5431] as const;
const BEIJING = [116.4074, 39.9042] as const;
const SHANGHAI = [121.4737, 31.2304] as const;

beforeAll(async () => {
  h = await startHarness();
  Geo = h.db.Geo as unknown as GeoKit;
  const P = (c: readonly [number, number]) => new Geo.Point(c[0], c[1]);
  await h.db.collection('places').add([
    { _id: 'sh', kind: 'store', location: P(SHANGHAI) },
    { _id: 'gz', kind: 'store', location: P(GUANGZHOU) },
    { _id: 'bj', kind: 'office', location: P(BEIJING) },
    { _id: 'sz', kind: 'store', location: P(SHENZHEN) },
    { _id: 'nowhere', kind: 'store' },
  ]);
  const ring = (pts: Array<[number, number]>) => new Geo.LineString(pts.map(([x, y]) => new Geo.Point(x, y)));
  await h.db.collection('zones').add([
    // a box around the Pearl River Delta and a small one inside it around Shenzhen
    { _id: 'prd', area: new Geo.Polygon([ring([[112, 22], [115, 22], [115, 24], [112, 24], [112, 22]])]) },
    { _id: 'szbox', area: new Geo.Polygon([ring([[113.9, 22.4], [114.2, 22.4], [114.2, 22.7], [113.9, 22.7], [113.9, 22.4]])]) },
    { _id: 'north', area: new Geo.Polygon([ring([[115, 39], [118, 39], [118, 41], [115, 41], [115, 39]])]) },
  ]);
  await h.db.collection('plain').add({ _id: 'x', location: P(GUANGZHOU) });
});
afterAll(() => h.close());

const _ = () => h.db.command;
const point = (c: readonly [number, number]) => new Geo.Point(c[0], c[1]);
const box = (x1: number, y1: number, x2: number, y2: number) =>
  new Geo.Polygon([
    new Geo.LineString([point([x1, y1]), point([x2, y1]), point([x2, y2]), point([x1, y2]), point([x1, y1])]),
  ]);
const ids = (res: { data: AnyDoc[] }): unknown[] => res.data.map((d) => d._id);

describe('geoNear ($nearSphere)', () => {
  test('matches within maxDistance, nearest first, Points read back as db.Geo.Point', async () => {
    const res = await h.db.collection('places').where({ location: _().geoNear({ geometry: point(GUANGZHOU), maxDistance: 200 * KM }) }).get();
    expect(ids(res)).toEqual(['gz', 'sz']);
    expect(res.data[1].location).toBeInstanceOf(Geo.Point);
  });

  test('minDistance excludes the near ones; no bound orders every point by distance', async () => {
    expect(ids(await h.db.collection('places').where({ location: _().geoNear({ geometry: point(GUANGZHOU), minDistance: 50 * KM, maxDistance: 200 * KM }) }).get())).toEqual(['sz']);
    expect(ids(await h.db.collection('places').where({ location: _().geoNear({ geometry: point(SHENZHEN) }) }).get())).toEqual(['sz', 'gz', 'sh', 'bj']);
  });

  test('combined with other conditions and paging', async () => {
    const res = await h.db.collection('places').where({ kind: 'store', location: _().geoNear({ geometry: point(BEIJING) }) }).skip(1).limit(1).get();
    expect(ids(res)).toEqual(['gz']);
  });

  test('without a 2dsphere index the cloud refuses the query (MongoDB: "unable to find index for $geoNear query")', async () => {
    const err = await thrown(() => h.db.collection('plain').where({ location: _().geoNear({ geometry: point(GUANGZHOU), maxDistance: KM }) }).get());
    expect(err.code).toBe('DATABASE_REQUEST_FAILED');
    expect(err.message).toMatch(/unable to find index for \$geoNear query/);
  });

  test('inside an or() it is refused (MongoDB: geoNear must be top-level)', async () => {
    const err = await thrown(() => h.db.collection('places').where(_().or([{ location: _().geoNear({ geometry: point(GUANGZHOU) }) }, { kind: 'office' }])).get());
    expect(err.code).toBe('DATABASE_REQUEST_FAILED');
  });
});

describe('geoWithin', () => {
  test('points inside a polygon', async () => {
    expect(ids(await h.db.collection('places').where({ location: _().geoWithin({ geometry: box(112, 22, 115, 24) }) }).orderBy('_id', 'asc').get())).toEqual(['gz', 'sz']);
  });

  test('points inside a MultiPolygon', async () => {
    const multi = new Geo.MultiPolygon([box(112, 22, 115, 24), box(121, 31, 122, 32)]);
    expect(ids(await h.db.collection('places').where({ location: _().geoWithin({ geometry: multi }) }).orderBy('_id', 'asc').get())).toEqual(['gz', 'sh', 'sz']);
  });

  test('centerSphere: within a radius given in radians', async () => {
    const radians = (150 * KM) / 6_378_100;
    expect(ids(await h.db.collection('places').where({ location: _().geoWithin({ centerSphere: [point(SHENZHEN), radians] }) }).orderBy('_id', 'asc').get())).toEqual(['gz', 'sz']);
  });

  test('polygons entirely inside a polygon', async () => {
    expect(ids(await h.db.collection('zones').where({ area: _().geoWithin({ geometry: box(113, 22, 115, 23) }) }).get())).toEqual(['szbox']);
  });
});

describe('geoIntersects', () => {
  test('the zones a point lies in', async () => {
    expect(ids(await h.db.collection('zones').where({ area: _().geoIntersects({ geometry: point(SHENZHEN) }) }).orderBy('_id', 'asc').get())).toEqual(['prd', 'szbox']);
    expect(ids(await h.db.collection('zones').where({ area: _().geoIntersects({ geometry: point(SHANGHAI) }) }).get())).toEqual([]);
  });

  test('a line crossing zones', async () => {
    const line = new Geo.LineString([point([114, 21]), point([116, 40])]);
    expect(ids(await h.db.collection('zones').where({ area: _().geoIntersects({ geometry: line }) }).orderBy('_id', 'asc').get())).toEqual(['north', 'prd', 'szbox']);
  });
});

describe('aggregate geoNear stage', () => {
  test('nearest first with the distance in metres, filtered by query and maxDistance', async () => {
    const res = await h.db
      .collection('places')
      .aggregate()
      .geoNear({ near: point(GUANGZHOU), distanceField: 'dist', spherical: true, maxDistance: 1000 * KM, query: { kind: 'store' } })
      .project({ dist: 1 })
      .end();
    expect(ids(res)).toEqual(['gz', 'sz']);
    expect(res.data[0].dist).toBe(0);
    expect(res.data[1].dist).toBeGreaterThan(95 * KM);
    expect(res.data[1].dist).toBeLessThan(110 * KM);
  });

  test('distanceMultiplier scales the distance (metres → kilometres)', async () => {
    const res = await h.db.collection('places').aggregate().geoNear({ near: point(SHENZHEN), distanceField: 'km', spherical: true, distanceMultiplier: 0.001 }).limit(2).end();
    expect(ids(res)).toEqual(['sz', 'gz']);
    expect(res.data[1].km).toBeGreaterThan(95);
    expect(res.data[1].km).toBeLessThan(110);
  });

  test('needs a 2dsphere index and must be the first stage', async () => {
    const noIndex = await thrown(() => h.db.collection('plain').aggregate().geoNear({ near: point(GUANGZHOU), distanceField: 'd', spherical: true }).end());
    expect(noIndex.code).toBe('DATABASE_REQUEST_FAILED');
    expect(noIndex.message).toMatch(/requires a 2d or 2dsphere index/);
    const notFirst = await thrown(() => h.db.collection('places').aggregate().match({ kind: 'store' }).geoNear({ near: point(GUANGZHOU), distanceField: 'd', spherical: true }).end());
    expect(notFirst.code).toBe('DATABASE_REQUEST_FAILED');
    expect(notFirst.message).toMatch(/first stage/);
  });

  test('with two geo indexes, key chooses one; without it the stage is refused', async () => {
    await h.db.collection('twogeo').add({ _id: 't', a: point(GUANGZHOU), b: point(BEIJING) });
    const ambiguous = await thrown(() => h.db.collection('twogeo').aggregate().geoNear({ near: point(BEIJING), distanceField: 'd', spherical: true }).end());
    expect(ambiguous.code).toBe('DATABASE_REQUEST_FAILED');
    const res = await h.db.collection('twogeo').aggregate().geoNear({ near: point(BEIJING), distanceField: 'd', spherical: true, key: 'b' }).end();
    expect(res.data[0].d).toBe(0);
  });
});
