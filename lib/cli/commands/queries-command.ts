import { Command } from 'commander';
import { collectArg } from '../option-parsers';
import type { CommandContext } from './command-context';
import { addDefinitionFlags, DefinitionFlags, definitionOptionsFromFlags, inFlagTerms, withLocalConnectionDefaults } from './definition-flags';
import { addExecutionFlags, ExecutionFlags } from './execution-flags';
import { addResultFlags, ResultFlags } from './result-flags';
import { loadQueryList } from './query-list-source';
import { runQueryListCommand } from './run-query-list-command';

interface QueriesFlags extends DefinitionFlags, ExecutionFlags, ResultFlags {
  readonly sql?: string[];
}

/** `queries`: a query list through our generated state machine, on the local runtime and embedded database. */
export function queriesCommand(context: CommandContext): Command {
  const command = new Command('queries')
    .description('run a query list through the generated state machine on the local runtime and embedded database')
    .argument('[queries]', "query list file (JSON, seed input format), or '-' for standard input")
    .option('--sql <statement>', 'a query to run (repeatable; instead of a file)', collectArg);
  addDefinitionFlags(command);
  addResultFlags(addExecutionFlags(command)).addHelpText(
    'after',
    `
Without --cluster or --workgroup, queries run on the emulator's cluster "local-cluster", database "dev",
user "awsuser". Per-query progress goes to stderr, the execution result (JSON) to stdout.

Examples:
  redshift-query queries examples/queries.json
  redshift-query queries --sql "create table t (n int)" --sql "insert into t values (1)"
  echo '["select 1"]' | redshift-query queries - --max-retries 0
  redshift-query queries --sql "select 1 as n, 'a' as name" --results --max-rows 20`,
  );
  command.action(async (source: string | undefined, flags: QueriesFlags) => {
    const queries = await loadQueryList(source, flags.sql, context.io, '<queries>');
    try {
      await runQueryListCommand(context, flags, queries, { definitionOptions: withLocalConnectionDefaults(definitionOptionsFromFlags(flags)) });
    } catch (error) {
      throw inFlagTerms(error);
    }
  });
  return command;
}
