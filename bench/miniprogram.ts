import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kb, measureMiniprogram, PACKAGE_LIMIT } from '../scripts/size';
import { fmt, type Section } from './lib/report';

const ROOT = join(__dirname, '..');

interface RenderResult {
  runs: number;
  renderMedianMs: number;
  renderMaxMs: number;
  refreshUnchangedBytes: number;
  refreshChangedBytes: number;
}

/** Package sizes as WeChat's builder makes them (scripts/size.ts) and the card page's render time and setData bytes per refresh. */
export async function miniprogram(): Promise<Section> {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-mp-size-'));
  const size = await measureMiniprogram(workDir).finally(() => rmSync(workDir, { recursive: true, force: true }));
  const out = execFileSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', 'bench/miniprogram/jest.config.js', '--silent=false'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const line = out.split('\n').find((l) => l.includes('BENCH_RESULT '));
  if (!line) throw new Error(`render benchmark printed no result:\n${out}`);
  const r = JSON.parse(line.slice(line.indexOf('BENCH_RESULT ') + 'BENCH_RESULT '.length)) as RenderResult;
  const share = (bytes: number): string => `${kb(bytes)} (${((bytes * 100) / PACKAGE_LIMIT).toFixed(1)}% of 2 MB)`;
  return {
    title: 'Mini-program: package size and card page cost',
    command: 'npm run bench -- miniprogram',
    headers: ['measure', 'value'],
    rows: [
      ...size.packages.map((p): [string, string] => [p.name === 'main' ? `main package (code + miniprogram_npm: ${Object.keys(p.npm).join(', ')})` : `subpackage ${p.name}`, share(p.bytes)]),
      [`card page first render, median of ${r.runs} (miniprogram-simulate)`, `${fmt.ms(r.renderMedianMs)} ms (max ${fmt.ms(r.renderMaxMs)} ms)`],
      ['setData bytes, pull-down refresh with nothing changed', fmt.int(r.refreshUnchangedBytes)],
      ['setData bytes, pull-down refresh with the balance changed', fmt.int(r.refreshChangedBytes)],
    ],
    notes: [
      'Render time is in jsdom under miniprogram-simulate (no real WeChat renderer): a relative figure for catching regressions, not a device measurement.',
      'setData bytes are the JSON size of every setData payload the page sent during the refresh (WeChat limit: 256 KB per call).',
      'Sizes: WeChat\'s npm builder (miniprogram-ci packNpmManually) on a clean copy plus the TypeScript compiled with miniprogram/tsconfig.json, minus project.config.json packOptions.ignore; per library: `npm run size`.',
    ],
  };
}
