import { Command } from 'commander';
import { consoleTarget, EmulatorUnreachableError, postToConsole } from './admin-client';
import { addStartOptions, runStart, START_DEFAULTS, type StartOptions } from './start-command';
import { printConsoleAnswer, parsePayload } from './console-answer';
import { withAdminKey } from '../host/admin-key';

/** `cloudbase-local-emulator`: the emulator for any CloudBase functions folder. */
function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${error instanceof EmulatorUnreachableError ? '' : 'error: '}${message}\n`);
  process.exit(1);
}

interface ConsoleFlags {
  port: string;
  host: string;
  data: string;
  token?: string;
  adminKey?: string;
}

function consoleFlags(command: Command): Command {
  return command
    .option('--port <port>', 'function host port of the running emulator', START_DEFAULTS.port)
    .option('--host <host>', 'function host address', '127.0.0.1')
    .option('--data <dir>', 'data folder of the running emulator (where it left its token)', START_DEFAULTS.data)
    .option('--token <token>', 'route token (default: EMULATOR_TOKEN, else the data folder)')
    .option('--admin-key <key>', "the functions' admin key (default: EMULATOR_ADMIN_KEY, else the data folder)");
}

const program = new Command()
  .name('cloudbase-local-emulator')
  .description('Local CloudBase: database endpoint, function host, timers, console stand-in');

addStartOptions(program.command('start').description('run the database, function host and timers'))
  .action((options: StartOptions) => runStart(options).then(() => undefined, fail));

consoleFlags(program.command('invoke').description('invoke a function as the console would (no end-user identity)'))
  .argument('<function>', 'function name')
  .argument('[json]', 'the event, a JSON object')
  .action(async (name: string, json: string | undefined, flags: ConsoleFlags) => {
    const target = consoleTarget(flags);
    const event = target.adminKey ? withAdminKey(parsePayload(json), target.adminKey) : parsePayload(json);
    const answer = await postToConsole(target, `/console/functions/${encodeURIComponent(name)}`, event);
    process.exit(printConsoleAnswer(answer));
  });

consoleFlags(program.command('timer').description('fire a timer trigger now'))
  .argument('<function>', 'function name')
  .argument('<trigger>', 'trigger name from its config.json')
  .action(async (name: string, trigger: string, flags: ConsoleFlags) => {
    const answer = await postToConsole(consoleTarget(flags), `/console/timers/${encodeURIComponent(name)}/${encodeURIComponent(trigger)}`, {});
    process.exit(printConsoleAnswer(answer));
  });

program.parseAsync(process.argv).catch(fail);
