import { randomUUID } from 'node:crypto';
import { buildDefinition, DefinitionOptions } from '../definition';
import type { ExecutionResult, HistoryEvent } from '../runtime';
import { QueryProgressListener } from './query-progress';
import { QueryProgressTracker } from './query-progress-tracker';
import { summarizeQueryList } from './query-list-items';
import { LocalRunOptions, runDefinitionLocally } from './run-definition-locally';

export interface RunQueryListOptions extends LocalRunOptions {
  /** Deploy-time options of the generated definition; ignored when `definition` is given. @default {} */
  readonly definitionOptions?: DefinitionOptions;
  /** A ready definition (e.g. from {@link loadSynthesizedDefinition}). @default - buildDefinition(definitionOptions) */
  readonly definition?: unknown;
  /** Per-item progress derived from the execution history. @default - none */
  readonly onProgress?: QueryProgressListener;
}

export interface QueryListRun {
  readonly result: ExecutionResult;
  /** The definition that ran. */
  readonly definition: unknown;
}

/**
 * Runs a query list (seed input format: a list, or `{ "Queries": [...] }`) through our generated state
 * machine (or the given definition) on the local runtime and emulator, reporting per-item progress.
 * The list is validated by the state machine itself (`RedshiftQuery.InvalidInput`), exactly as on AWS.
 */
export async function runQueryList(queries: unknown, options: RunQueryListOptions = {}): Promise<QueryListRun> {
  const definition = options.definition ?? buildDefinition(options.definitionOptions ?? {});
  const executionName = options.executionName ?? randomUUID();
  const onEvent = combineListeners(
    options.onProgress ? new QueryProgressTracker(summarizeQueryList(queries), options.onProgress, executionName).onEvent : undefined,
    options.onEvent,
  );
  const warmUpDatabases = options.warmUpDatabases ?? databasesNamedIn([definition, queries], options.definitionOptions?.database);
  const result = await runDefinitionLocally(definition, queries, { ...options, executionName, onEvent, warmUpDatabases });
  return { result, definition };
}

function combineListeners(...listeners: (((event: HistoryEvent) => void) | undefined)[]): ((event: HistoryEvent) => void) | undefined {
  const present = listeners.filter((listener): listener is (event: HistoryEvent) => void => listener !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return (event) => present.forEach((listener) => listener(event));
}

/** Every literal `Database` value in the definition and the query list (where statements will run), plus the default. */
function databasesNamedIn(sources: readonly unknown[], defaultDatabase: string | undefined): string[] {
  const found = new Set<string>(defaultDatabase === undefined ? [] : [defaultDatabase]);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'Database' && typeof child === 'string' && !child.includes('{%')) found.add(child);
        else visit(child);
      }
    }
  };
  sources.forEach(visit);
  return [...found];
}
