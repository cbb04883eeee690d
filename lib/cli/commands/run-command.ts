import { Command } from 'commander';
import { isGeneratedDefinition, runDefinitionLocally } from '../../local-run';
import { CliInputError } from '../errors';
import { readJsonSource, STDIN } from '../read-input';
import type { CommandContext } from './command-context';
import { addExecutionFlags, executionRunOptions, ExecutionFlags } from './execution-flags';
import { reportExecution } from './execution-report';
import { runQueryListCommand } from './run-query-list-command';

interface RunFlags extends ExecutionFlags {
  readonly input?: string;
}

/** `run <definition.json>`: any ASL definition on the local runtime, with the emulator serving `redshiftdata`. */
export function runCommand(context: CommandContext): Command {
  const command = new Command('run')
    .description('run any state machine definition (ASL JSON, JSONata) on the local runtime, with the Redshift Data emulator')
    .argument('<definition>', "definition file (ASL JSON), or '-' for standard input")
    .option('--input <file>', "execution input file (JSON), or '-' for standard input [default: {}]");
  addExecutionFlags(command).action(async (definitionSource: string, flags: RunFlags) => {
    if (definitionSource === STDIN && flags.input === STDIN) {
      throw new CliInputError('the definition and --input cannot both be read from standard input');
    }
    const definition = await readJsonSource(definitionSource, 'definition', context.io);
    const input = flags.input === undefined ? {} : await readJsonSource(flags.input, 'input', context.io);
    if (isGeneratedDefinition(definition)) {
      // Ours: the input is a query list, so the same per-query progress as `queries` can be shown.
      await runQueryListCommand(context, flags, input, { definition });
      return;
    }
    const result = await runDefinitionLocally(definition, input, executionRunOptions(flags, context));
    context.exitCode = reportExecution(result, context.io, flags.history === true);
  });
  return command;
}
