import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { consoleSite, buildConsole, consoleBuildIsStale, CONSOLE_PATH } from './console-site';
import { seedDemoIfEmpty } from './seed';
import type { ConsoleAccount } from './seed/console-accounts';
import { startTestEmulator, type TestEmulator } from '../test/support/emulator';

/**
 * The web console in a real browser (Debian's Chromium through playwright-core) against the
 * in-process emulator running the real functions, seeded with the small demo brand and its
 * console accounts. Never skipped: without Chromium the suite fails and says how to install it.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface ConsoleEnvironment {
  emu: TestEmulator;
  consoleUrl: string;
  browser: Browser;
  /** uid of each demo console account, by username. */
  uids: Record<string, string>;
  close(): Promise<void>;
}

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. The browser tests need it: apt-get install -y chromium fonts-wqy-microhei (or set CHROMIUM_PATH).`);
  }
}

export async function startConsoleEnvironment(): Promise<ConsoleEnvironment> {
  requireChromium();
  if (consoleBuildIsStale()) buildConsole();
  // The UI is under test, not the functions' timeouts: a busy machine must not fail it.
  const emu = await startTestEmulator({ staticSites: [consoleSite()], functionTimeoutSeconds: 300 });
  const uids: Record<string, string> = {};
  await seedDemoIfEmpty(
    {
      invokeAdmin: emu.emulator.invokeAdmin,
      invoke: emu.emulator.invoke,
      upsertAccount: (input) => {
        const account = emu.emulator.upsertAccount(input);
        uids[account.username] = account.uid;
        return account;
      },
      log: () => undefined,
    },
    { size: 'small' },
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  return {
    emu,
    consoleUrl: `${emu.hostUrl}${CONSOLE_PATH}`,
    browser,
    uids,
    async close() {
      await browser.close();
      await emu.close();
    },
  };
}

/** A fresh browser context (its own session storage), signed in as the account. */
export async function signedIn(env: ConsoleEnvironment, account: Pick<ConsoleAccount, 'username' | 'password'>): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(env.consoleUrl);
  await page.fill('input[name=username]', account.username);
  await page.fill('input[name=password]', account.password);
  await page.click('[data-test=sign-in-submit]');
  await page.waitForSelector('[data-test=current-user]');
  return page;
}
