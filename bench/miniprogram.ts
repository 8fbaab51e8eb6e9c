import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fmt, type Section } from './lib/report';

const ROOT = join(__dirname, '..');

interface RenderResult {
  runs: number;
  renderMedianMs: number;
  renderMaxMs: number;
  refreshUnchangedBytes: number;
  refreshChangedBytes: number;
}

/** Package size (scripts/size.ts) and the card page's render time and setData bytes per refresh. */
export async function miniprogram(): Promise<Section> {
  const size = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/size.ts'], { cwd: ROOT, encoding: 'utf8' });
  const out = execFileSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', 'bench/miniprogram/jest.config.js', '--silent=false'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const line = out.split('\n').find((l) => l.includes('BENCH_RESULT '));
  if (!line) throw new Error(`render benchmark printed no result:\n${out}`);
  const r = JSON.parse(line.slice(line.indexOf('BENCH_RESULT ') + 'BENCH_RESULT '.length)) as RenderResult;
  const total = /^\s*([\d.]+ KB)\s+main package total, ([\d.]+%)/m.exec(size);
  return {
    title: 'Mini-program: package size and card page cost',
    command: 'npm run bench -- miniprogram',
    headers: ['measure', 'value'],
    rows: [
      ['main package (code + packed npm libs)', total ? `${total[1]} (${total[2]} of 2 MB)` : size.trim()],
      [`card page first render, median of ${r.runs} (miniprogram-simulate)`, `${fmt.ms(r.renderMedianMs)} ms (max ${fmt.ms(r.renderMaxMs)} ms)`],
      ['setData bytes, pull-down refresh with nothing changed', fmt.int(r.refreshUnchangedBytes)],
      ['setData bytes, pull-down refresh with the balance changed', fmt.int(r.refreshChangedBytes)],
    ],
    notes: [
      'Render time is in jsdom under miniprogram-simulate (no real WeChat renderer): a relative figure for catching regressions, not a device measurement.',
      'setData bytes are the JSON size of every setData payload the page sent during the refresh (WeChat limit: 256 KB per call).',
      'Sizes per library: `npm run size`.',
    ],
  };
}
