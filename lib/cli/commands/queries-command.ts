import { Command } from 'commander';
import { resolveUserPath } from '../read-input';
import { runQueryList } from '../../local-run';
import { collectArg } from '../option-parsers';
import { createProgressRenderer } from '../progress/progress-renderer';
import { CommandContext, sharedEmulator } from './command-context';
import { addDefinitionFlags, DefinitionFlags, definitionOptionsFromFlags, inFlagTerms, withLocalConnectionDefaults } from './definition-flags';
import { addExecutionFlags, ExecutionFlags } from './execution-flags';
import { reportExecution } from './execution-report';
import { loadQueryList } from './query-list-source';

interface QueriesFlags extends DefinitionFlags, ExecutionFlags {
  readonly sql?: string[];
}

/** `queries`: a query list through our generated state machine, on the local runtime and embedded database. */
export function queriesCommand(context: CommandContext): Command {
  const command = new Command('queries')
    .description('run a query list through the generated state machine on the local runtime and embedded database')
    .argument('[queries]', "query list file (JSON, seed input format), or '-' for standard input")
    .option('--sql <statement>', 'a query to run (repeatable; instead of a file)', collectArg);
  addDefinitionFlags(command);
  addExecutionFlags(command).addHelpText(
    'after',
    `
Without --cluster or --workgroup, queries run on the emulator's cluster "local-cluster", database "dev",
user "awsuser". Per-query progress goes to stderr, the execution result (JSON) to stdout.

Examples:
  redshift-query queries examples/example-queries.json
  redshift-query queries --sql "create table t (n int)" --sql "insert into t values (1)"
  echo '["select 1"]' | redshift-query queries - --max-retries 0`,
  );
  command.action(async (source: string | undefined, flags: QueriesFlags) => {
    const queries = await loadQueryList(source, flags.sql, context.io, '<queries>');
    const renderer = createProgressRenderer(context.io.stderr, flags.quiet === true);
    let outcome;
    try {
      outcome = await runQueryList(queries, {
        definitionOptions: withLocalConnectionDefaults(definitionOptionsFromFlags(flags)),
        scenario: flags.scenario === undefined ? undefined : resolveUserPath(flags.scenario, context.io),
        timeScale: flags.timeScale,
        executionName: flags.name,
        emulator: sharedEmulator(context, flags),
        onProgress: renderer.onProgress,
      });
    } catch (error) {
      throw inFlagTerms(error);
    } finally {
      renderer.finish();
    }
    context.exitCode = reportExecution(outcome.result, context.io, flags.history === true);
  });
  return command;
}
