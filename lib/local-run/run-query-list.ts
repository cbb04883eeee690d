import { randomUUID } from 'node:crypto';
import { buildDefinition, DefinitionOptions } from '../definition';
import type { ExecutionResult, HistoryEvent } from '../runtime';
import { QueryProgressListener } from './query-progress';
import { QueryProgressTracker } from './query-progress-tracker';
import { summarizeQueryList } from './query-list-items';
import { databasesNamedIn, LocalRunOptions, runDefinitionLocally, withEmulator } from './run-definition-locally';
import { checkedMaxRows, fetchStatementResults, FetchStatementResultsOptions, StatementResult } from './statement-results';
import { submittingIdentity } from './submitting-identity';

export interface RunQueryListOptions extends LocalRunOptions {
  /** Deploy-time options of the generated definition; ignored when `definition` is given. @default {} */
  readonly definitionOptions?: DefinitionOptions;
  /** A ready definition (e.g. from {@link loadSynthesizedDefinition}). @default - buildDefinition(definitionOptions) */
  readonly definition?: unknown;
  /** Per-item progress derived from the execution history. @default - none */
  readonly onProgress?: QueryProgressListener;
  /**
   * After a SUCCEEDED execution, fetch the rows of every statement with a result set (before a
   * temporary emulator is closed) into {@link QueryListRun.results}. `identity` defaults to the role the
   * definition submits statements under ({@link submittingIdentity}, with `runOptions.roleArn`).
   * @default - no results fetched
   */
  readonly fetchResults?: FetchStatementResultsOptions;
}

export interface QueryListRun {
  readonly result: ExecutionResult;
  /** The definition that ran. */
  readonly definition: unknown;
  /** Only with `fetchResults` and a SUCCEEDED execution: the rows of each statement that has a result set. */
  readonly results?: StatementResult[];
}

/**
 * Runs a query list (seed input format: a list, or `{ "Queries": [...] }`) through our generated state
 * machine (or the given definition) on the local runtime and emulator, reporting per-item progress.
 * The list is validated by the state machine itself (`RedshiftQuery.InvalidInput`), exactly as on AWS.
 */
export async function runQueryList(queries: unknown, options: RunQueryListOptions = {}): Promise<QueryListRun> {
  // Checked before anything runs, not after the execution.
  if (options.fetchResults) checkedMaxRows(options.fetchResults);
  const definition = options.definition ?? buildDefinition(options.definitionOptions ?? {});
  const executionName = options.executionName ?? randomUUID();
  const onEvent = combineListeners(
    options.onProgress ? new QueryProgressTracker(summarizeQueryList(queries), options.onProgress, executionName).onEvent : undefined,
    options.onEvent,
  );
  const warmUpDatabases = options.warmUpDatabases ?? databasesNamedIn([definition, queries], options.definitionOptions?.database);
  const runOptions = { ...options, executionName, onEvent, warmUpDatabases };
  const fetchResults = options.fetchResults;
  if (!fetchResults) return { result: await runDefinitionLocally(definition, queries, runOptions), definition };
  return withEmulator(runOptions, async (emulator, clock) => {
    const result = await runDefinitionLocally(definition, queries, { ...runOptions, emulator, clock });
    if (result.status !== 'SUCCEEDED') return { result, definition };
    const identity = fetchResults.identity ?? submittingIdentity(definition, options.runOptions?.roleArn);
    return { result, definition, results: await fetchStatementResults(emulator, result.output, { ...fetchResults, identity }) };
  });
}

function combineListeners(...listeners: (((event: HistoryEvent) => void) | undefined)[]): ((event: HistoryEvent) => void) | undefined {
  const present = listeners.filter((listener): listener is (event: HistoryEvent) => void => listener !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return (event) => present.forEach((listener) => listener(event));
}
