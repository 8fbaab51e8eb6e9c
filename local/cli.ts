import { Command, Option } from 'commander';
import { EmulatorUnreachableError } from 'cloudbase-local-emulator/cli/admin-client';
import { createCliLogger } from 'cloudbase-local-emulator/cli/cli-logger';
import { addStartOptions, runStart, START_DEFAULTS, type StartOptions } from 'cloudbase-local-emulator/cli/start-command';
import { formatActionList, listActions } from './action-list';
import { runAdmin, runOutbox, runPay } from './admin-command';
import { applyClockOffset } from './clock-offset';
import { CONSOLE_PATH, consoleSite, ensureConsoleBuilt } from './console-site';
import { DEMO_OWNER } from './seed/console-accounts';
import { FUNCTIONS_ROOT, HTTP_ACCESS_FILE, INDEXES_FILE, SUBSCRIBE_TEMPLATES_FILE } from './paths';
import { seedDemoIfEmpty, type DemoSeedSize } from './seed';

/** The product's local loop: `npm start` (emulator + demo seed) and `npm run admin`. */

function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${error instanceof EmulatorUnreachableError ? '' : 'error: '}${message}\n`);
  process.exit(1);
}

interface LoyaltyStartOptions extends StartOptions {
  seed: DemoSeedSize | false;
  clockOffset?: string;
}

const program = new Command().name('loyalty-local').description('The loyalty system on the local CloudBase emulator');

addStartOptions(program.command('start').description('run the emulator with this project\'s functions; seed the demo brand when empty'), {
  functions: FUNCTIONS_ROOT,
  indexes: INDEXES_FILE,
  subscribeTemplates: SUBSCRIBE_TEMPLATES_FILE,
  httpAccess: HTTP_ACCESS_FILE,
})
  .addOption(new Option('--seed <size>', 'demo data when the database is empty: small (fast) or full (301 members)').choices(['small', 'full']).default('small'))
  .option('--no-seed', 'do not seed demo data')
  .option('--clock-offset <duration>', 'run business time shifted from the machine clock, e.g. 30d, -2h, 90m (demos of expiry, tests)')
  .action((options: LoyaltyStartOptions) => {
    const log = createCliLogger(options.logLevel);
    try {
      if (options.clockOffset !== undefined) applyClockOffset(options.clockOffset, log);
    } catch (error) {
      fail(error);
    }
    const size = options.seed;
    try {
      ensureConsoleBuilt((line) => log.info({ part: 'console' }, line));
    } catch (error) {
      fail(error);
    }
    const consoleUrl = `http://127.0.0.1:${options.port}${CONSOLE_PATH}`;
    runStart(options, {
      logger: log,
      staticSites: [consoleSite()],
      bannerNotes: [
        `web console       : ${consoleUrl}`,
        `    sign in as    : ${DEMO_OWNER.username} / ${DEMO_OWNER.password}   (demo owner; operator and support accounts: local/seed/console-accounts.ts)`,
      ],
      adminUsage: ['npm run admin -- <function> <action> [json]', 'npm run admin -- <function> --list', 'npm run admin -- timer <function> <trigger>'].map((usage) =>
        options.port === START_DEFAULTS.port ? usage : usage.replace('-- ', `-- --port ${options.port} `),
      ),
      ...(size === false
        ? {}
        : {
            prepare: async (emulator, progress) => {
              const seeded = await seedDemoIfEmpty({ invokeAdmin: emulator.invokeAdmin, invoke: emulator.invoke, upsertAccount: emulator.upsertAccount, log: progress, recordSubscription: (openid, result) => void emulator.subscribeMessages.recordChoices(openid, result) }, { size });
              return seeded.summary;
            },
          }),
    }).catch(fail);
  });

program
  .command('admin')
  .description('invoke a function as the console would: admin <function> <action> [json] | admin <function> --list | admin timer <function> <trigger> | admin pay <outTradeNo> --succeed|--fail')
  .argument('<function>', 'function name, or "timer"')
  .argument('[action]', 'action name (or, after "timer", the function)')
  .argument('[json]', 'JSON object merged into the event (or, after "timer", the trigger name)')
  .option('--list', 'list the function\'s actions with their guard and input shape (no emulator needed)')
  .option('--json', 'with --list: the input shapes as JSON Schema')
  .option('--succeed', 'with pay: the payer completes the payment (the pay callback is sent)')
  .option('--fail', 'with pay: the payment fails (no callback, as on the platform)')
  .option('--port <port>', 'function host port of the running emulator', START_DEFAULTS.port)
  .option('--host <host>', 'function host address', '127.0.0.1')
  .option('--data <dir>', 'data folder of the running emulator (where it left its token)', START_DEFAULTS.data)
  .option('--token <token>', 'route token (default: EMULATOR_TOKEN, else the data folder)')
  .option('--admin-key <key>', "the functions' admin key (default: EMULATOR_ADMIN_KEY, else the data folder)")
  .action((first: string, second: string | undefined, third: string | undefined, options: { list?: boolean; json?: boolean; succeed?: boolean; fail?: boolean; port: string; host: string; data: string; token?: string; adminKey?: string }) => {
    if (first === 'pay') {
      if (second === undefined || options.succeed === options.fail) fail(new Error('usage: npm run admin -- pay <outTradeNo> --succeed|--fail'));
      runPay(second, options.fail ? 'fail' : 'succeed', options).then((code) => process.exit(code), fail);
      return;
    }
    if (options.list) {
      const actions = listActions(FUNCTIONS_ROOT, first);
      process.stdout.write((options.json ? JSON.stringify(actions, null, 2) : formatActionList(first, actions)) + '\n');
      process.exit(0);
    }
    if (first === 'outbox') {
      runOutbox(options).then((code) => process.exit(code), fail);
      return;
    }
    if (second === undefined) fail(new Error('usage: npm run admin -- <function> <action> [json]  (or <function> --list)'));
    runAdmin(first, second, third, options).then((code) => process.exit(code), fail);
  });

program.parseAsync(process.argv).catch(fail);
