import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { signedIn, startConsoleEnvironment } from '../local/console-browser';
import { DEMO_OWNER } from '../local/seed/console-accounts';

/**
 * `npm run console:screens`: screenshots of every console page (docs/console/*.png, shown in the
 * README), taken in headless Chromium against the seeded demo brand on an in-memory emulator.
 */
const OUT = join(__dirname, '..', 'docs', 'console');
const PAGES: Array<{ file: string; path: string; ready: string }> = [
  { file: 'dashboard', path: 'dashboard', ready: '[data-kpi=membersTotal]' },
  { file: 'members', path: 'members', ready: '.page-title' },
  { file: 'campaigns', path: 'campaigns', ready: '.t-table tbody tr' },
  { file: 'campaign-editor', path: 'campaigns/winback', ready: '[data-rule-path="root.0"]' },
  { file: 'coupons', path: 'coupons', ready: '.t-table tbody tr' },
  { file: 'groupbuy', path: 'groupbuy', ready: '.page-title' },
  { file: 'referral', path: 'referral', ready: '.t-form' },
  { file: 'tiers', path: 'tiers', ready: '[data-tier]' },
  { file: 'stores', path: 'stores', ready: '.t-form' },
  { file: 'flags', path: 'flags', ready: '.t-table' },
  { file: 'audit', path: 'audit', ready: '.page-title' },
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const env = await startConsoleEnvironment();
  try {
    const anonymous = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await anonymous.goto(env.consoleUrl);
    await anonymous.waitForSelector('[data-test=sign-in-submit]');
    await anonymous.screenshot({ path: join(OUT, 'sign-in.png') });
    const page = await signedIn(env, DEMO_OWNER);
    for (const target of PAGES) {
      await page.goto(`${env.consoleUrl}${target.path}`);
      await page.waitForSelector(target.ready, { timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(600); // chart and popup animations settle
      await page.screenshot({ path: join(OUT, `${target.file}.png`), fullPage: true });
      process.stdout.write(`docs/console/${target.file}.png\n`);
    }
  } finally {
    await env.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
