import { Command } from 'commander';
import { resolveUserPath } from '../read-input';
import { loadSynthesizedDefinition, runQueryList } from '../../local-run';
import { collectArg } from '../option-parsers';
import { createProgressRenderer } from '../progress/progress-renderer';
import { CommandContext, sharedEmulator } from './command-context';
import { addExecutionFlags, ExecutionFlags } from './execution-flags';
import { reportExecution } from './execution-report';
import { loadQueryList } from './query-list-source';

interface SynthesizedFlags extends ExecutionFlags {
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
  addExecutionFlags(command).addHelpText(
    'after',
    `
The deploy-time defaults (cluster, database, waits, retries) are those compiled into the synthesized
definition; Terraform references left in it (e.g. a results role ARN) are passed through as text.

Example:
  npm run synth && redshift-query synthesized cdktf.out --queries examples/example-queries.json`,
  );
  command.action(async (path: string, flags: SynthesizedFlags) => {
    const synthesized = await loadSynthesizedDefinition(resolveUserPath(path, context.io), { stackName: flags.stack });
    const queries = await loadQueryList(flags.queries, flags.sql, context.io, '--queries');
    context.io.stderr.write(`State machine ${synthesized.resourceName} from ${synthesized.file}\n`);
    const renderer = createProgressRenderer(context.io.stderr, flags.quiet === true);
    let outcome;
    try {
      outcome = await runQueryList(queries, {
        definition: synthesized.definition,
        scenario: flags.scenario === undefined ? undefined : resolveUserPath(flags.scenario, context.io),
        timeScale: flags.timeScale,
        executionName: flags.name,
        emulator: sharedEmulator(context, flags),
        onProgress: renderer.onProgress,
      });
    } finally {
      renderer.finish();
    }
    context.exitCode = reportExecution(outcome.result, context.io, flags.history === true);
  });
  return command;
}
