/**
 * `npm run screens`, step 2: photographs every page rendered by step 1 (.screens/*.html) with
 * headless Chromium (Debian's `chromium`, driven by playwright-core) at a 375 px wide screen and
 * device pixel ratio 2, into docs/screens/<state>.png. Needs `apt-get install -y chromium
 * fonts-wqy-microhei` (the CJK font; without it Chinese renders as boxes).
 */
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(__dirname, '..', '..');
const SOURCE = join(ROOT, '.screens');
const TARGET = join(ROOT, 'docs', 'screens');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a headless Chromium with no network of its own (it hangs on refused connections without them). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function shoot(source = SOURCE, target = TARGET): Promise<string[]> {
  const pages = readdirSync(source).filter((f) => f.endsWith('.html')).sort();
  mkdirSync(target, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'screens-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, offline: true });
  const written: string[] = [];
  try {
    const page = await context.newPage();
    for (const file of pages) {
      await page.goto(`file://${join(source, file)}`);
      const out = join(target, file.replace(/\.html$/, '.png'));
      await page.screenshot({ path: out, fullPage: true });
      written.push(out);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return written;
}

if (require.main === module) {
  shoot()
    .then((files) => process.stdout.write(`${files.length} screenshots in docs/screens/\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
