import type { Page } from 'playwright-core';
import { DEMO_OWNER } from '../local/seed/console-accounts';
import { signedIn, startConsoleEnvironment } from '../local/console-browser';
import { type Section } from './lib/report';

/** Budget for the JavaScript a first visit downloads (gzipped, as hosting serves it). */
export const FIRST_LOAD_JS_BUDGET = 400 * 1024;

interface Load {
  jsBytes: number;
  jsFiles: number;
  cssBytes: number;
}

/** Bytes on the wire of every script and stylesheet the page loads until the network is idle, from Chromium's own accounting. */
async function measure(page: Page, url: string, ready: string): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const types = new Map<string, string>();
  const load: Load = { jsBytes: 0, jsFiles: 0, cssBytes: 0 };
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    const type = types.get(e.requestId);
    if (type === 'Script') {
      load.jsBytes += e.encodedDataLength;
      load.jsFiles += 1;
    } else if (type === 'Stylesheet') load.cssBytes += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForSelector(ready);
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return load;
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** First-load bytes of the web console in headless Chromium: the sign-in page, and the dashboard opened directly by a signed-in admin. */
export async function consoleLoad(): Promise<Section> {
  const env = await startConsoleEnvironment();
  try {
    const fresh = await env.browser.newPage();
    const signIn = await measure(fresh, env.consoleUrl, '[data-test=sign-in-submit]');
    const page = await signedIn(env, DEMO_OWNER);
    const dashboard = await measure(page, `${env.consoleUrl}dashboard`, '[data-kpi=membersTotal]');
    const row = (name: string, l: Load): Array<string | number> => [name, kib(l.jsBytes), l.jsFiles, kib(l.cssBytes), l.jsBytes <= FIRST_LOAD_JS_BUDGET ? 'within' : 'OVER'];
    return {
      title: 'Web console: first-load bytes in Chromium',
      command: 'npm run bench -- console',
      headers: ['page (cold cache)', 'JS on the wire (gzip)', 'JS files', 'CSS on the wire (gzip)', `budget ${kib(FIRST_LOAD_JS_BUDGET)} JS`],
      rows: [row('sign-in (/console/)', signIn), row('dashboard opened directly, signed in (charts included)', dashboard)],
      notes: [
        'Chromium\'s own count (CDP Network.loadingFinished encodedDataLength) of every script and stylesheet until the network is idle, cache disabled; served gzipped by the emulator\'s static hosting stand-in, as CloudBase hosting\'s CDN does.',
        'Pages load on demand (one chunk per page); ECharts (bar, pie, canvas renderer only) comes with the dashboard; TDesign components are imported per page; the CloudBase SDK is app + auth + functions only.',
      ],
    };
  } finally {
    await env.close();
  }
}
