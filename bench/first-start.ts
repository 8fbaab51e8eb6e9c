import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fmt, type Section } from './lib/report';

const ROOT = resolve(__dirname, '..');

interface StartTiming {
  bannerMs: number;
  readyMs: number;
  summary: string;
}

/** Runs `npm start`'s entry point on `dataDir` until it prints "Ready", then stops it with SIGINT. */
function timeStart(dataDir: string, args: string[]): Promise<StartTiming> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/cli.ts', 'start', '--data', dataDir, '--port', '0', '--no-timers', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let bannerMs = 0;
  return new Promise((done, fail) => {
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!bannerMs && /function host/.test(output)) bannerMs = performance.now() - started;
      if (/^Ready|emulator is ready/m.test(output)) {
        const readyMs = performance.now() - started;
        const summary = /"msg":"(demo seed: \d+ members[^"]*)"/.exec(output)?.[1] ?? 'no seed (data folder already seeded)';
        child.once('exit', () => done({ bannerMs, readyMs, summary }));
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => (code === 0 ? undefined : fail(new Error(`start exited with ${code}:\n${output}`))));
  });
}

/**
 * First `npm start` on an empty data folder with the default (small) seed and with `--seed
 * full`, then a second start on the seeded folder: time to the banner (the host answers
 * EMULATOR_STARTING from then on) and to "Ready". Includes tsx compiling the functions.
 */
export async function firstStart(): Promise<Section> {
  const rows: Array<Array<string | number>> = [];
  for (const size of ['small', 'full'] as const) {
    const dataDir = mkdtempSync(join(tmpdir(), `loyalty-first-start-${size}-`));
    try {
      const first = await timeStart(dataDir, ['--seed', size]);
      const files = readdirSync(dataDir);
      const bytes = files.reduce((sum, file) => sum + statSync(join(dataDir, file)).size, 0);
      rows.push([`npm start (--seed ${size}), empty data folder`, fmt.ms(first.bannerMs / 1000), fmt.ms(first.readyMs / 1000), first.summary, `${files.join(', ')} (${fmt.mb(bytes)} MB)`]);
      const again = await timeStart(dataDir, ['--seed', size]);
      rows.push([`npm start again (--seed ${size} data kept)`, fmt.ms(again.bannerMs / 1000), fmt.ms(again.readyMs / 1000), again.summary, '']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return {
    title: 'First start of the local loop',
    command: 'npm run bench -- first-start',
    headers: ['run', 'banner s', 'ready s', 'data', 'data folder after Ctrl+C'],
    rows,
    notes: [
      'The banner (URLs, token, timers) is printed before the seed; HTTP calls answer EMULATOR_STARTING until "Ready".',
      'The seed replays history through the real functions (register, member code, scan, purchase, refund, jobs, campaigns): its time is the functions\' time, on a 2-core machine shared with other work.',
      'After Ctrl+C the data folder holds only database.sqlite (the WAL is checkpointed and WAL mode left on close).',
    ],
  };
}
