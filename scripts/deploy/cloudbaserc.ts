import { ADMIN_KEY_ENV } from '../../cloudfunctions/shared/platform/admin-key';
import { SECRET_NAMES } from '../../cloudfunctions/shared/platform/secrets';
import type { FunctionDefinition } from 'cloudbase-local-emulator/host/function-discovery';
import type { CollectionInputs } from './database-config';

/** Node 20 in the cloud, as locally (CloudBase offers Nodejs 16.13, 18.15, 20.19, 22.21, 24.11). */
export const CLOUD_RUNTIME = 'Nodejs20.19';
export const FRAMEWORK_APP_NAME = 'wechat-loyalty';

export interface CloudFunctionEntry {
  name: string;
  handler: 'index.main';
  runtime: string;
  timeout: number;
  memory: number;
  installDependency: false;
  /** Secrets as `{{env.NAME}}` placeholders the CLI fills from `.env.local`; never values. */
  envVariables: Record<string, string>;
  triggers: Array<{ name: string; type: 'timer'; config: string }>;
}

export interface CloudbaseRc {
  version: '2.0';
  envId: string;
  functionRoot: string;
  functions: CloudFunctionEntry[];
  framework: {
    name: string;
    plugins: { database: { use: '@cloudbase/framework-plugin-database'; inputs: { collections: CollectionInputs[] } } };
  };
}

/** Which secrets a function's bundle can read (from the bundle's inputs: it includes secrets.ts or not). */
export interface FunctionSecrets {
  name: string;
  secrets: readonly string[];
}

export const placeholder = (variable: string): string => `{{env.${variable}}}`;

/** Each module that reads secrets from the environment, and the variables it reads. */
const SECRET_READERS: ReadonlyArray<{ module: RegExp; variables: readonly string[] }> = [
  { module: /cloudfunctions\/shared\/platform\/secrets\.ts$/, variables: SECRET_NAMES },
  { module: /cloudfunctions\/shared\/platform\/admin-key\.ts$/, variables: [ADMIN_KEY_ENV] },
];

export function secretsFor(bundleInputs: readonly string[]): readonly string[] {
  return SECRET_READERS.filter((reader) => bundleInputs.some((file) => reader.module.test(file))).flatMap((reader) => reader.variables);
}

/**
 * cloudbaserc.json for @cloudbase/cli 2.x: `functions` for `tcb fn deploy --all` and
 * `tcb fn trigger create`, the database plugin for `tcb framework deploy database`.
 */
export function cloudbaserc(functions: readonly FunctionDefinition[], secrets: readonly FunctionSecrets[], collections: CollectionInputs[]): CloudbaseRc {
  return {
    version: '2.0',
    envId: placeholder('ENV_ID'),
    functionRoot: './cloudfunctions',
    functions: functions.map((fn) => ({
      name: fn.name,
      handler: 'index.main',
      runtime: CLOUD_RUNTIME,
      timeout: fn.config.timeoutSeconds,
      memory: fn.config.memoryMb,
      installDependency: false,
      envVariables: Object.fromEntries((secrets.find((s) => s.name === fn.name)?.secrets ?? []).map((name) => [name, placeholder(name)])),
      triggers: fn.config.timers.map((t) => ({ name: t.name, type: 'timer', config: t.cron })),
    })),
    framework: {
      name: FRAMEWORK_APP_NAME,
      plugins: { database: { use: '@cloudbase/framework-plugin-database', inputs: { collections } } },
    },
  };
}
