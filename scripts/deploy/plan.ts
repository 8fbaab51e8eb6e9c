import type { CloudbaseRc } from './cloudbaserc';

/** One CloudBase CLI call the deploy makes, run in dist/ (where cloudbaserc.json and .env.local are). */
export interface DeployStep {
  title: string;
  /** Arguments to `tcb`. */
  args: string[];
}

/** Variables `.env.local` must define: the environment id and every secret placeholder. */
export function requiredVariables(config: CloudbaseRc): string[] {
  const names = new Set<string>();
  const collect = (value: string) => {
    for (const match of value.matchAll(/\{\{env\.([A-Za-z0-9_]+)\}\}/g)) names.add(match[1]);
  };
  collect(config.envId);
  for (const fn of config.functions) for (const value of Object.values(fn.envVariables)) collect(value);
  return [...names].sort();
}

/**
 * The CLI calls, in order. `fn deploy --all` uploads every function with its runtime, timeout,
 * memory, env variables and triggers; `fn trigger create` creates the triggers again explicitly,
 * because `fn deploy` only warns when trigger creation fails; `framework deploy database` runs the
 * database plugin: collections, their indexes and security rules (aclTag).
 */
export function deploySteps(envId: string): DeployStep[] {
  return [
    { title: 'functions (code, runtime, timeout, memory, env variables, triggers)', args: ['fn', 'deploy', '--all', '--force', '--yes', '-e', envId] },
    { title: 'timer triggers', args: ['fn', 'trigger', 'create', '-e', envId] },
    { title: 'database: collections, indexes, security rules', args: ['framework', 'deploy', 'database', '-e', envId] },
  ];
}

/** The full plan as text: what each step will create, then the commands. Never prints secret values. */
export function formatPlan(config: CloudbaseRc, envId: string, present: ReadonlySet<string>): string {
  const lines: string[] = [];
  lines.push(`CloudBase environment: ${envId}`);
  lines.push('', `Functions (${config.functions.length}), from ${config.functionRoot}:`);
  for (const fn of config.functions) {
    const trigger = fn.triggers.map((t) => `${t.type} ${t.name} "${t.config}"`).join(', ') || 'no trigger';
    lines.push(`  ${fn.name}: ${fn.runtime}, timeout ${fn.timeout} s, memory ${fn.memory} MB, handler ${fn.handler}; ${trigger}`);
    for (const [name, value] of Object.entries(fn.envVariables)) lines.push(`    env ${name} = ${value}`);
  }
  const collections = config.framework.plugins.database.inputs.collections;
  const indexCount = collections.reduce((sum, c) => sum + c.createIndexes.length, 0);
  lines.push('', `Collections (${collections.length}), indexes (${indexCount}), security rules (${collections.length}):`);
  for (const c of collections) {
    const indexes = c.createIndexes.map((i) => `${i.name}(${i.keys.map((k) => `${k.name} ${k.direction}`).join(', ')}${i.unique ? ', unique' : ''})`);
    lines.push(`  ${c.collectionName}: rule ${c.aclTag}${c.aclRule ? ` ${c.aclRule}` : ''}; ${indexes.length ? indexes.join('; ') : 'no index'}`);
  }
  lines.push('', 'Variables from .env.local:');
  for (const name of requiredVariables(config)) lines.push(`  ${name}: ${present.has(name) ? 'set' : 'MISSING'}`);
  lines.push('', 'Commands (run in dist/):');
  for (const step of deploySteps(envId)) lines.push(`  tcb ${step.args.join(' ')}    # ${step.title}`);
  return lines.join('\n') + '\n';
}
