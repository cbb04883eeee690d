import { DEFAULT_MAX_RESULT_ROWS, runQueryList, type RunQueryListOptions } from '../../local-run';
import { createProgressRenderer } from '../progress/progress-renderer';
import type { CommandContext } from './command-context';
import { executionRunOptions, ExecutionFlags } from './execution-flags';
import { reportExecution } from './execution-report';
import { formatResultsTables } from '../results/results-table';
import { fetchResultsOptions, ResultFlags } from './result-flags';

/**
 * Runs a query list for `queries` and `synthesized`: per-query progress on stderr, the result on stdout and
 * in the exit code; with `--results`, the fetched rows in the JSON and as tables on stderr (unless `--quiet`).
 */
export async function runQueryListCommand(
  context: CommandContext,
  flags: ExecutionFlags & Partial<ResultFlags>,
  queries: unknown,
  definition: Pick<RunQueryListOptions, 'definition' | 'definitionOptions'>,
): Promise<void> {
  const renderer = createProgressRenderer(context.io.stderr, flags.quiet === true);
  let outcome;
  try {
    outcome = await runQueryList(queries, {
      ...definition,
      ...executionRunOptions(flags, context),
      onProgress: renderer.onProgress,
      fetchResults: fetchResultsOptions(flags),
    });
  } finally {
    renderer.finish();
  }
  if (outcome.results !== undefined && outcome.results.length > 0 && flags.quiet !== true) {
    context.io.stderr.write(formatResultsTables(outcome.results, flags.maxRows ?? DEFAULT_MAX_RESULT_ROWS));
  }
  context.exitCode = reportExecution(outcome.result, context.io, flags.history === true, outcome.results);
}
