// 云调用 needs each function to declare the open APIs it calls in config.json permissions.openapi
// (WeChat: "每个云函数需要声明其会使用到的接口，否则无法调用"). The emulator cannot tell which function
// made a call (docs/notifications.md, "Emulator differences"), so this checks the declaration where
// the cloud would: every function whose bundle includes the open-API caller declares its API.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS_ROOT } from '../../local/paths';

const OPEN_API_MODULE = resolve(FUNCTIONS_ROOT, 'shared', 'data', 'open-api.ts');
/** The module that makes each open-API call: a bundle that includes it can call that API. */
const CALLERS: Record<string, string> = {
  [OPEN_API_MODULE]: 'subscribeMessage.send',
  [resolve(FUNCTIONS_ROOT, 'shared', 'domain', 'members', 'phone.ts')]: 'phonenumber.getPhoneNumber',
};

const functionNames = readdirSync(FUNCTIONS_ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(FUNCTIONS_ROOT, d.name, 'config.json')))
  .map((d) => d.name);

async function bundleInputs(name: string): Promise<string[]> {
  const result = await build({ entryPoints: [join(FUNCTIONS_ROOT, name, 'index.ts')], bundle: true, write: false, metafile: true, platform: 'node', packages: 'external', logLevel: 'silent' });
  return Object.keys(result.metafile.inputs).map((p) => resolve(p));
}

describe('permissions.openapi', () => {
  it.each(functionNames)('%s declares the open APIs its bundle can call, and only those', async (name) => {
    const config = JSON.parse(readFileSync(join(FUNCTIONS_ROOT, name, 'config.json'), 'utf8')) as { permissions?: { openapi?: string[] } };
    const inputs = new Set(await bundleInputs(name));
    const callable = Object.entries(CALLERS).filter(([module]) => inputs.has(module)).map(([, api]) => api);
    const declared = config.permissions?.openapi ?? [];
    expect({ fn: name, declared: [...declared].sort() }).toEqual({ fn: name, declared: callable.sort() });
  });

  it('the jobs function is the one that sends (the dispatch timer)', async () => {
    expect((await bundleInputs('jobs')).map((p) => relative(FUNCTIONS_ROOT, p))).toContain(relative(FUNCTIONS_ROOT, OPEN_API_MODULE));
  });
});
