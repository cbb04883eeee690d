import { Command, Option } from 'commander';
import { resolveUserPath } from '../read-input';
import { once } from 'node:events';
import { startLocalEmulatorServer } from '../../local-run';
import { CliInputError } from '../errors';
import { parseAccountIdArg, parsePortArg, parsePositiveNumberArg } from '../option-parsers';
import { DEFAULT_EMULATOR_ACCOUNT_ID } from '../../emulator';
import type { CommandContext } from './command-context';

/** Default port: what the Data API SDK examples and `offline-terraform.md` point at. */
export const DEFAULT_EMULATOR_PORT = 4566;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

interface EmulatorFlags {
  readonly port: number;
  readonly host: string;
  readonly scenario?: string;
  readonly timeScale: number;
  readonly accountId: string;
}

/** `emulator`: serves the Redshift Data API (and SFN ValidateStateMachineDefinition) over HTTP until SIGINT/SIGTERM. */
export function emulatorCommand(context: CommandContext): Command {
  return new Command('emulator')
    .description('start the Redshift Data API emulator HTTP server (awsJson1_1) on loopback; runs until Ctrl-C')
    .addOption(new Option('--port <n>', 'port to listen on (0 = any free port)').argParser(parsePortArg).default(DEFAULT_EMULATOR_PORT))
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--scenario <file>', 'fault-injection scenario (JSON, see docs/emulator.md)')
    .addOption(
      new Option('--time-scale <n>', "speed of the emulator's clock: 0.01 makes a 100-second statement finish in 1 second").argParser(parsePositiveNumberArg).default(1),
    )
    .addOption(new Option('--account-id <id>', 'account STS GetCallerIdentity answers with (for terraform plan)').argParser(parseAccountIdArg).default(DEFAULT_EMULATOR_ACCOUNT_ID))
    .addHelpText(
      'after',
      `
The server's URL is printed on stdout. Point the AWS SDK at it, with any credentials:
  new RedshiftDataClient({ endpoint: 'http://127.0.0.1:${DEFAULT_EMULATOR_PORT}', region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })`,
    )
    .action(async (flags: EmulatorFlags) => {
      const shutdown = context.io.shutdownSignal();
      let server;
      try {
        server = await startLocalEmulatorServer({
          host: flags.host,
          port: flags.port,
          scenario: flags.scenario === undefined ? undefined : resolveUserPath(flags.scenario, context.io),
          timeScale: flags.timeScale,
          accountId: flags.accountId,
          emulator: flags.scenario === undefined && flags.timeScale === 1 ? context.emulator : undefined,
        });
      } catch (error) {
        const name = (error as Error).name;
        const code = (error as NodeJS.ErrnoException).code;
        if (name === 'PortInUseError' || code === 'EADDRINUSE') {
          throw new CliInputError(`port ${flags.port} on ${flags.host} is already in use: choose another with --port (0 = any free port)`, { cause: error });
        }
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
          throw new CliInputError(`cannot listen on ${flags.host}: not an address of this machine (use --host 127.0.0.1)`, { cause: error });
        }
        throw error;
      }
      if (!LOOPBACK_HOSTS.has(flags.host)) {
        context.io.stderr.write(`warning: listening on ${flags.host}, not loopback: anyone who can reach it can run SQL on the emulator\n`);
      }
      context.io.stdout.write(`${server.url}\n`);
      context.io.stderr.write(`Redshift Data emulator listening on ${server.url} (Ctrl-C to stop)\n`);
      try {
        if (!shutdown.aborted) await once(shutdown, 'abort');
      } finally {
        await server.close();
        context.io.stderr.write('Emulator stopped\n');
      }
    });
}
