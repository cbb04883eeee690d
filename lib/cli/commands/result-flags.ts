import { Command, Option } from 'commander';
import { DEFAULT_MAX_RESULT_ROWS, type FetchStatementResultsOptions } from '../../local-run';
import { parsePositiveIntegerArg } from '../option-parsers';

/** Flags of the commands that run a query list (`queries`, `synthesized`) to show the rows of its SELECTs. */
export interface ResultFlags {
  /** Fetch and print the result set of every statement that has one. @default false */
  readonly results?: boolean;
  /** Rows fetched per statement. @default 100 */
  readonly maxRows: number;
}

export function addResultFlags(command: Command): Command {
  return command
    .option('--results', 'after the execution, fetch the rows of every statement with a result set (stdout JSON "results"; tables on stderr unless --quiet)')
    .addOption(
      new Option('--max-rows <n>', 'with --results: rows fetched per statement; more are reported as truncated (implies --results)')
        .argParser(parsePositiveIntegerArg)
        .default(DEFAULT_MAX_RESULT_ROWS)
        .implies({ results: true }),
    );
}

/** What `runQueryList` needs to fetch results, or undefined without `--results`. */
export function fetchResultsOptions(flags: Partial<ResultFlags>): FetchStatementResultsOptions | undefined {
  return flags.results === true ? { maxRows: flags.maxRows ?? DEFAULT_MAX_RESULT_ROWS } : undefined;
}
