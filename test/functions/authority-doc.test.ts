import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { discoverFunctions } from '../../emulator/host/function-discovery';
import { guardTable } from '../support/function-modules';

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
