/**
 * The emulator writes its own SDK environment (placeholder secrets, TCB_ENV=local, a loopback
 * TCB_CONTEXT_CNFG). If the shell it starts from already holds real CloudBase credentials, a
 * developer may believe they are working locally while a script, a seed or a function's own
 * environment reads production values, so the emulator refuses to start instead of silently
 * overwriting them. What counts as production-looking:
 * - TENCENTCLOUD_SECRETID starting with AKID (the shape of Tencent Cloud API SecretIds), or a
 *   TENCENTCLOUD_SECRETKEY of 32 letters and digits (the shape of their SecretKeys);
 * - TENCENTCLOUD_SESSIONTOKEN (temporary credentials only the platform or STS hands out);
 * - TENCENTCLOUD_RUNENV (set inside a real cloud function);
 * - TCB_ENV naming an environment other than `local`;
 * - TCB_CONTEXT_CNFG whose URL points away from this machine.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function contextUrlHost(value: string): string | null {
  try {
    const url = (JSON.parse(value) as { URL?: unknown }).URL;
    return typeof url === 'string' ? new URL(url).hostname : null;
  } catch {
    return null;
  }
}

export function productionCredentialProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (/^AKID/i.test(env.TENCENTCLOUD_SECRETID ?? '')) problems.push('TENCENTCLOUD_SECRETID looks like a real Tencent Cloud SecretId (AKID…)');
  if (/^[A-Za-z0-9]{32}$/.test(env.TENCENTCLOUD_SECRETKEY ?? '')) problems.push('TENCENTCLOUD_SECRETKEY looks like a real Tencent Cloud SecretKey');
  if (env.TENCENTCLOUD_SESSIONTOKEN) problems.push('TENCENTCLOUD_SESSIONTOKEN is set (temporary cloud credentials)');
  if (env.TENCENTCLOUD_RUNENV) problems.push(`TENCENTCLOUD_RUNENV is "${env.TENCENTCLOUD_RUNENV}" (this looks like a real cloud function)`);
  if (env.TCB_ENV && env.TCB_ENV !== 'local') problems.push(`TCB_ENV names a CloudBase environment ("${env.TCB_ENV}")`);
  if (env.TCB_CONTEXT_CNFG) {
    const host = contextUrlHost(env.TCB_CONTEXT_CNFG);
    if (!host || !LOOPBACK_HOSTS.has(host)) problems.push(`TCB_CONTEXT_CNFG points the SDK at ${host ?? 'an unreadable URL'}, not at this machine`);
  }
  return problems;
}

/** Throws, naming every problem and the fix, when the environment looks like production. */
export function refuseProductionCredentials(env: NodeJS.ProcessEnv): void {
  const problems = productionCredentialProblems(env);
  if (problems.length === 0) return;
  throw new Error(
    [
      'refusing to start the local emulator: its environment holds production-looking CloudBase credentials.',
      ...problems.map((p) => `  - ${p}`),
      'The emulator sets its own placeholder credentials; unset these variables in this shell (e.g. `env -u TENCENTCLOUD_SECRETID -u TENCENTCLOUD_SECRETKEY npm start`) and start again.',
    ].join('\n'),
  );
}
