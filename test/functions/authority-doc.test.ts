import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { discoverFunctions } from '../../emulator/host/function-discovery';
import { guardTable, productFunctions } from '../support/function-modules';
import { admin } from '../../cloudfunctions/shared/platform/guards';
import { DEFAULT_ROLES } from '../../cloudfunctions/shared/platform/roles';

/**
 * docs/authority.md lists every action with its guard. This reads the actions from the functions'
 * own tables (`main.actions`) and the timer triggers from their config.json, and fails when the
 * document and the code disagree in either direction.
 */
const ROOT = resolve(__dirname, '..', '..');

interface DocumentedAction {
  guard: string;
  timer: boolean;
}

function documentedActions(): Map<string, DocumentedAction> {
  const text = readFileSync(resolve(ROOT, 'docs', 'authority.md'), 'utf8');
  const section = text.slice(text.indexOf('## Every action'));
  const rows = new Map<string, DocumentedAction>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | function | action | guard | callers | timer |
    if (cells.length < 7 || cells[1] === 'function' || cells[1].startsWith('---')) continue;
    const key = `${cells[1]}.${cells[2]}`;
    if (rows.has(key)) throw new Error(`docs/authority.md lists ${key} twice`);
    rows.set(key, { guard: cells[3], timer: cells[5] === 'yes' });
  }
  return rows;
}

function timerTriggers(): Set<string> {
  return new Set(discoverFunctions(resolve(ROOT, 'cloudfunctions')).flatMap((fn) => fn.config.timers.map((t) => `${fn.name}.${t.name}`)));
}

/** The "Console accounts and roles" table: function.action → roles, for admin actions that are not owners only. */
function documentedRoles(): Map<string, string> {
  const text = readFileSync(resolve(ROOT, 'docs', 'authority.md'), 'utf8');
  const section = text.slice(text.indexOf('## Console accounts and roles'), text.indexOf('## What is audited'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length !== 5 || cells[1] === 'function' || cells[1] === 'role' || cells[1].startsWith('---')) continue;
    rows.set(`${cells[1]}.${cells[2]}`, cells[3]);
  }
  return rows;
}

/** Admin actions in code whose roles are not the default (owners only). */
function rolesInCode(): Map<string, string> {
  const table = new Map<string, string>();
  for (const fn of productFunctions()) {
    for (const [action, spec] of Object.entries(fn.actions)) {
      const roles = spec.roles ?? DEFAULT_ROLES;
      if (spec.guard === admin && roles.join(', ') !== DEFAULT_ROLES.join(', ')) table.set(`${fn.functionName}.${action}`, roles.join(', '));
    }
  }
  return table;
}

describe('docs/authority.md roles', () => {
  it('lists exactly the admin actions that are not owners only, with the roles the code declares', () => {
    expect(Object.fromEntries(documentedRoles())).toEqual(Object.fromEntries(rolesInCode()));
    expect(documentedRoles().size).toBeGreaterThan(20);
  });
});

describe('docs/authority.md', () => {
  const inCode = guardTable();
  const inDoc = documentedActions();

  it('lists every action in code, with the guard the code uses', () => {
    const missing = [...inCode.keys()].filter((action) => !inDoc.has(action));
    expect(missing).toEqual([]);
    const wrongGuard = [...inCode].filter(([action, guard]) => inDoc.get(action)?.guard !== guard).map(([action, guard]) => `${action}: code ${guard}, doc ${inDoc.get(action)?.guard}`);
    expect(wrongGuard).toEqual([]);
  });

  it('lists no action the code does not have', () => {
    expect([...inDoc.keys()].filter((action) => !inCode.has(action))).toEqual([]);
  });

  it('marks exactly the timer triggers of config.json', () => {
    const documented = [...inDoc].filter(([, row]) => row.timer).map(([action]) => action).sort();
    expect(documented).toEqual([...timerTriggers()].sort());
  });

  it('has read a real table', () => {
    expect(inDoc.size).toBeGreaterThan(50);
  });
});
