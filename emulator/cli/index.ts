import { Command, Option } from 'commander';
import { runAdmin } from './admin-command';
import { EmulatorUnreachableError } from './admin-client';
import { runStart, START_DEFAULTS, type StartOptions } from './start-command';

function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${error instanceof EmulatorUnreachableError ? '' : 'error: '}${message}\n`);
  process.exit(1);
}

const program = new Command()
  .name('emulator')
  .description('Local CloudBase: database endpoint, function host, timers, admin console');

program
  .command('start')
  .description('run the database, function host and timers; seed demo data when empty')
  .option('--data <dir>', 'database folder', START_DEFAULTS.data)
  .option('--memory', 'keep the database in memory (nothing written to disk)')
  .option('--port <port>', 'function host port', START_DEFAULTS.port)
  .option('--db-port <port>', 'database endpoint port')
  .option('--functions <dir>', 'functions root (default cloudfunctions/)')
  .option('--no-timers', 'do not run timer triggers on their schedule')
  .option('--no-seed', 'do not seed demo data')
  .option('--clock-offset <duration>', 'run business time shifted from the machine clock, e.g. 30d, -2h, 90m (demos of expiry, tests)')
  .addOption(new Option('--log-level <level>', 'log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
  .action((options: StartOptions) => runStart(options).catch(fail));

program
  .command('admin')
  .description('invoke a function as the console would: admin <function> <action> [json] | admin timer <function> <trigger>')
  .argument('<function>', 'function name, or "timer"')
  .argument('<action>', 'action name (or, after "timer", the function)')
  .argument('[json]', 'JSON object merged into the event (or, after "timer", the trigger name)')
  .option('--port <port>', 'function host port of the running emulator', START_DEFAULTS.port)
  .option('--host <host>', 'function host address', '127.0.0.1')
  .action((first: string, second: string, third: string | undefined, options: { port: string; host: string }) =>
    runAdmin(first, second, third, options).then((code) => process.exit(code), fail),
  );

program.parseAsync(process.argv).catch(fail);
