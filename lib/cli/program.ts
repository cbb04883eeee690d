import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RedshiftDataEmulator } from '../emulator';
import { CliIo, processIo } from './cli-io';
import { definitionCommand } from './commands/definition-command';
import { emulatorCommand } from './commands/emulator-command';
import type { CommandContext } from './commands/command-context';
import { queriesCommand } from './commands/queries-command';
import { runCommand } from './commands/run-command';
import { synthesizedCommand } from './commands/synthesized-command';
import { planOfflineCommand } from './commands/plan-offline-command';
import { describeError } from './errors';
import { COMMAND_EXIT_CODES_HELP, EXIT_CODES_HELP, ExitCode } from './exit-codes';

/** Commander codes that mean "asked for help or the version", not a usage error. */
const CLEAN_EXIT_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

export interface MakeProgramOptions {
  /** @default the process's streams, stdin and signals */
  readonly io?: CliIo;
  /** Receives the exit code an action decides (an execution that FAILED). @default - a fresh context */
  readonly context?: CommandContext;
  /** Emulator shared by the commands (see {@link CommandContext.emulator}). @default - a new one per execution */
  readonly emulator?: RedshiftDataEmulator;
}

/**
 * Builds the `redshift-query` command tree. Commander never calls `process.exit` (`exitOverride`) and
 * writes through `io`, so tests can run the program in-process; {@link runCli} adds the error handling.
 */
export function makeProgram(options: MakeProgramOptions = {}): Command {
  const io = options.io ?? processIo();
  const context: CommandContext = options.context ?? { io, exitCode: ExitCode.SUCCESS, emulator: options.emulator };
  const program = new Command('redshift-query')
    .description('Run Redshift SQL through the lambda-free Step Functions state machine, locally: runtime, emulator and generator.')
    .version(packageVersion(), '-V, --version')
    .option('--debug', 'show stack traces of errors')
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  program.addHelpText('after', `\n${EXIT_CODES_HELP}`);
  for (const command of [runCommand(context), queriesCommand(context), definitionCommand(context), synthesizedCommand(context), emulatorCommand(context), planOfflineCommand(context)]) {
    // Subcommands built apart do not inherit these settings; copy them so each exits and writes the same way.
    command.copyInheritedSettings(program);
    command.addHelpText('after', `\n${COMMAND_EXIT_CODES_HELP[command.name()] ?? EXIT_CODES_HELP}`);
    program.addCommand(command);
  }
  return program;
}

/**
 * Runs the CLI and resolves to the process exit code; never throws. Errors print one line on stderr
 * (`error: <what and where>`), plus the stack trace with `--debug`.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo(), options: { emulator?: RedshiftDataEmulator } = {}): Promise<ExitCode> {
  const context: CommandContext = { io, exitCode: ExitCode.SUCCESS, emulator: options.emulator };
  const program = makeProgram({ io, context });
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (unknown option, invalid number, missing argument).
      return CLEAN_EXIT_CODES.has(error.code) ? ExitCode.SUCCESS : ExitCode.USAGE_ERROR;
    }
    io.stderr.write(`error: ${describeError(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return ExitCode.USAGE_ERROR;
  }
}

/** Walks up from this file to our package.json: the path differs between the sources (tsx) and `dist/`. */
function packageVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'redshift-query-step-function' && manifest.version) return manifest.version;
    } catch {
      // not here; keep walking up
    }
  }
  return '0.0.0';
}
