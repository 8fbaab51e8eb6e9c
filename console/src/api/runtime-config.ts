/**
 * Where the console's backend is, read at start from `runtime-config.json` beside index.html
 * (no secret in it): locally the emulator generates it; for the cloud, deployment writes the
 * environment id. `emulator: true` points the js-sdk at the host that served this page.
 */
export interface RuntimeConfig {
  env: string;
  region?: string;
  emulator?: boolean;
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch(`${import.meta.env.BASE_URL}runtime-config.json`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`runtime-config.json: HTTP ${response.status}`);
  const config = (await response.json()) as Partial<RuntimeConfig>;
  if (typeof config.env !== 'string' || config.env === '') throw new Error('runtime-config.json has no env');
  return { env: config.env, ...(config.region ? { region: config.region } : {}), emulator: config.emulator === true };
}
