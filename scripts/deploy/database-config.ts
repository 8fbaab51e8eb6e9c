import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The database as CloudBase's tooling deploys it: `@cloudbase/framework-plugin-database`
 * inputs (`collections[]` with `createIndexes` and `aclTag`), the format the CLI's own
 * cloudbaserc schema describes (definitions ICollectionInputs / ICreateIndex / IIndexKey).
 * One source: indexes.json (collections, indexes) + security-rules.json (who may read/write).
 */
export type AclTag = 'ADMINONLY' | 'ADMINWRITE' | 'CUSTOM' | 'PRIVATE' | 'READONLY';

export interface CollectionInputs {
  collectionName: string;
  aclTag: AclTag;
  aclRule?: string;
  createIndexes: Array<{ name: string; unique: boolean; keys: Array<{ name: string; direction: '1' | '-1' }> }>;
}

const indexSpec = z.strictObject({
  name: z.string().min(1).max(64),
  fields: z.array(z.tuple([z.string().min(1).max(64), z.union([z.literal(1), z.literal(-1)])])).min(1),
  unique: z.boolean().optional(),
  sparse: z.literal(false, { error: 'CloudBase indexes have no sparse option; the cloud could not match it' }).optional(),
});
const indexesFile = z.record(z.string(), z.unknown());
const aclTag = z.enum(['ADMINONLY', 'ADMINWRITE', 'CUSTOM', 'PRIVATE', 'READONLY']);
const rulesFile = z.looseObject({
  default: aclTag,
  collections: z.record(z.string(), z.strictObject({ aclTag, aclRule: z.record(z.string(), z.unknown()).optional() })),
});

export function readDatabaseConfig(dataDir: string): CollectionInputs[] {
  const indexes = indexesFile.parse(JSON.parse(readFileSync(join(dataDir, 'indexes.json'), 'utf8')));
  const rules = rulesFile.parse(JSON.parse(readFileSync(join(dataDir, 'security-rules.json'), 'utf8')));
  const names = Object.keys(indexes).filter((name) => !name.startsWith('$'));
  const unknown = Object.keys(rules.collections).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new Error(`security-rules.json names collections indexes.json does not have: ${unknown.join(', ')}`);
  return names.map((collectionName) => {
    const rule = rules.collections[collectionName];
    const tag = rule?.aclTag ?? rules.default;
    if (tag === 'CUSTOM' && !rule?.aclRule) throw new Error(`security-rules.json: ${collectionName} is CUSTOM without an aclRule`);
    const specs = z.array(indexSpec).parse(indexes[collectionName]);
    return {
      collectionName,
      aclTag: tag,
      ...(rule?.aclRule ? { aclRule: JSON.stringify(rule.aclRule) } : {}),
      createIndexes: specs.map((spec) => ({
        name: spec.name,
        unique: spec.unique ?? false,
        keys: spec.fields.map(([field, direction]) => ({ name: field, direction: direction === 1 ? ('1' as const) : ('-1' as const) })),
      })),
    };
  });
}
