import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import Ajv, { type ErrorObject } from 'ajv';

/**
 * The JSON schema @cloudbase/cli ships for cloudbaserc.json ("CloudBase CLI Configuration",
 * $id .../schema/latest.json). The CLI is a single bundle that embeds the schema as a
 * `JSON.parse('…')` literal; we read it from there so the check is the CLI's own, offline.
 */
const SCHEMA_ID = 'https://framework-1258016615.tcloudbaseapp.com/schema/latest.json';

type JsonSchema = Record<string, unknown> & { definitions: Record<string, Record<string, unknown>> };

export function loadCliConfigSchema(cliBundle = require.resolve('@cloudbase/cli/dist/standalone/cli.js')): JsonSchema {
  const source = readFileSync(cliBundle, 'utf8');
  const at = source.indexOf(`JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"${SCHEMA_ID}"`);
  if (at < 0) throw new Error(`the CloudBase CLI bundle ${cliBundle} no longer embeds its cloudbaserc schema`);
  const start = at + 'JSON.parse('.length;
  let end = start + 1;
  while (!(source[end] === "'" && source[end - 1] !== '\\')) end += 1;
  const literal = runInNewContext(source.slice(start, end + 1)) as string;
  return JSON.parse(literal) as JsonSchema;
}

export interface SchemaCheck {
  errors: string[];
}

function describe(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((e) => `${where}${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/**
 * Validates a cloudbaserc object with the CLI's schema: the whole file, then each function
 * against its ICloudFunction definition (the root schema leaves `functions` items unchecked) and
 * each framework plugin against the definition for its `use`.
 * `extraRuntimes` extends that definition's runtime enum, which lists only runtimes CloudBase
 * offered when the schema was written (Nodejs10.15 and older) although the CLI deploys newer ones.
 */
export function validateWithCliSchema(config: { functions?: unknown[]; framework?: { plugins?: Record<string, { use?: string }> } }, extraRuntimes: string[] = []): SchemaCheck {
  const schema = loadCliConfigSchema();
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  const whole = ajv.compile(schema);
  const errors = whole(config) ? [] : describe(whole.errors, 'cloudbaserc');
  const fnSchema = structuredClone(schema.definitions.ICloudFunction) as { properties: { runtime: { enum: string[] } } };
  fnSchema.properties.runtime.enum = [...fnSchema.properties.runtime.enum, ...extraRuntimes];
  const perFunction = ajv.compile({ ...fnSchema, definitions: schema.definitions });
  (config.functions ?? []).forEach((fn, i) => {
    if (!perFunction(fn)) errors.push(...describe(perFunction.errors, `functions[${i}]`));
  });
  // Plugins match `anyOf` a generic shape too, so check each against the definition for its `use`.
  for (const [key, plugin] of Object.entries(config.framework?.plugins ?? {})) {
    const definition = Object.values(schema.definitions).find((d) => ((d.properties as { use?: { enum?: string[] } } | undefined)?.use?.enum ?? []).includes(plugin.use ?? ''));
    if (!definition) {
      errors.push(`framework.plugins.${key}: the CLI schema has no plugin "${plugin.use ?? ''}"`);
      continue;
    }
    const perPlugin = ajv.compile({ ...definition, $id: undefined, definitions: schema.definitions });
    if (!perPlugin(plugin)) errors.push(...describe(perPlugin.errors, `framework.plugins.${key}`));
  }
  return { errors };
}
