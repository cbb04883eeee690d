import { Command } from 'commander';
import { resolveUserPath } from '../read-input';
import { loadSynthesizedDefinition } from '../../local-run';
import { collectArg } from '../option-parsers';
import type { CommandContext } from './command-context';
import { addExecutionFlags, ExecutionFlags } from './execution-flags';
import { addResultFlags, ResultFlags } from './result-flags';
import { loadQueryList } from './query-list-source';
import { runQueryListCommand } from './run-query-list-command';

interface SynthesizedFlags extends ExecutionFlags, ResultFlags {
  readonly stack?: string;
  readonly queries?: string;
  readonly sql?: string[];
}

/** `synthesized`: a query list through the state machine definition found in a cdktf synth output. */
export function synthesizedCommand(context: CommandContext): Command {
  const command = new Command('synthesized')
    .description('run a query list through the state machine found in a cdktf synth output (cdktf.out), on the local runtime')
    .argument('[path]', 'cdktf.out directory, a stack directory or a cdk.tf.json file', 'cdktf.out')
    .option('--stack <name>', 'stack to use when cdktf.out has several')
    .option('--queries <file>', "query list file (JSON, seed input format), or '-' for standard input")
    .option('--sql <statement>', 'a query to run (repeatable; instead of --queries)', collectArg);
  addResultFlags(addExecutionFlags(command)).addHelpText(
    'after',
    `
The deploy-time defaults (cluster, database, waits, retries) are those compiled into the synthesized
definition; Terraform references left in it (e.g. a results role ARN) are passed through as text.

Example:
  npm run synth && redshift-query synthesized cdktf.out --queries examples/queries.json`,
  );
  command.action(async (path: string, flags: SynthesizedFlags) => {
    const synthesized = await loadSynthesizedDefinition(resolveUserPath(path, context.io), { stackName: flags.stack });
    const queries = await loadQueryList(flags.queries, flags.sql, context.io, '--queries');
    context.io.stderr.write(`State machine ${synthesized.resourceName} from ${synthesized.file}\n`);
    await runQueryListCommand(context, flags, queries, { definition: synthesized.definition });
  });
  return command;
}
