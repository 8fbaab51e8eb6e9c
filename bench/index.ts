import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { campaignScale } from './campaign-scale';
import { consoleLoad } from './console-load';
import { costPerOperation } from './cost-per-operation';
import { dashboardBench } from './dashboard';
import { firstStart } from './first-start';
import { hotDocument } from './hot-document';
import { machine, render, type Section } from './lib/report';
import { memberAdmin } from './member-admin';
import { miniprogram } from './miniprogram';
import { notificationScale } from './notifications';
import { orderFeed } from './order-feed';
import { storeVsPeers } from './store-vs-peers';
import { throughput } from './throughput';

/** `npm run bench [-- name...]`: runs benchmarks, prints their figures, writes bench/RESULTS.md. Never a test. */
const BENCHES: Record<string, () => Promise<Section>> = {
  cost: costPerOperation,
  throughput,
  stores: storeVsPeers,
  miniprogram,
  campaign: campaignScale,
  'first-start': firstStart,
  hot: hotDocument,
  orders: orderFeed,
  console: consoleLoad,
  dashboard: dashboardBench,
  members: memberAdmin,
  notifications: notificationScale,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
  const unknown = names.filter((n) => !BENCHES[n]);
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
  const header = `# Benchmark results\n\nMeasured ${new Date().toISOString().slice(0, 10)} on ${machine()}.\n`;
  const sections: string[] = [];
  for (const name of names) {
    process.stdout.write(`running ${name}...\n`);
    const section = await BENCHES[name]();
    const text = render(section);
    process.stdout.write(`\n${text}\n`);
    sections.push(text);
  }
  if (wanted.length === 0) writeFileSync(join(__dirname, 'RESULTS.md'), [header, ...sections].join('\n'));
  else process.stdout.write('(a subset ran; bench/RESULTS.md is rewritten only by a full `npm run bench`)\n');
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
