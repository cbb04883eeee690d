import { runQueryList, type RunQueryListOptions } from '../../local-run';
import { createProgressRenderer } from '../progress/progress-renderer';
import type { CommandContext } from './command-context';
import { executionRunOptions, ExecutionFlags } from './execution-flags';
import { reportExecution } from './execution-report';

/**
 * Runs a query list for `queries` and `synthesized`: per-query progress on stderr, the result on stdout and
 * in the exit code.
 */
export async function runQueryListCommand(
  context: CommandContext,
  flags: ExecutionFlags,
  queries: unknown,
  definition: Pick<RunQueryListOptions, 'definition' | 'definitionOptions'>,
): Promise<void> {
  const renderer = createProgressRenderer(context.io.stderr, flags.quiet === true);
  let outcome;
  try {
    outcome = await runQueryList(queries, { ...definition, ...executionRunOptions(flags, context), onProgress: renderer.onProgress });
  } finally {
    renderer.finish();
  }
  context.exitCode = reportExecution(outcome.result, context.io, flags.history === true);
}
