import type { CliIo } from '../cli-io';
import { CliInputError } from '../errors';
import { readJsonSource } from '../read-input';

/**
 * The query list of `queries` and `synthesized`: a JSON file (or `-` for stdin) in the seed's input
 * format, or `--sql` statements, one item each. The list itself is validated by the state machine.
 */
export async function loadQueryList(source: string | undefined, sqls: readonly string[] | undefined, io: CliIo, flagName: string): Promise<unknown> {
  if (source !== undefined && sqls && sqls.length > 0) {
    throw new CliInputError(`give the query list either as ${flagName} or as --sql statements, not both`);
  }
  if (source !== undefined) return readJsonSource(source, 'query list', io);
  if (sqls && sqls.length > 0) return [...sqls];
  throw new CliInputError(`no queries: give a query list file (${flagName} file.json, or - for standard input) or one or more --sql "..."`);
}
