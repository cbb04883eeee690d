import { createClock, Clock } from '../clock';
import { loadScenario, RedshiftDataEmulator, Scenario } from '../emulator';
import { attachEventCompanions, eventSettingsOf } from '../local-deploy';
import { ExecutionResult, HistoryEvent, RunOptions, runExecution } from '../runtime';

/** Options shared by every local run (`runDefinitionLocally`, `runQueryList`). */
export interface LocalRunOptions {
  /** Emulator serving `redshiftdata` tasks; left open for the caller to reuse. @default - a new one on embedded Postgres, closed after the run */
  readonly emulator?: RedshiftDataEmulator;
  /** Fault-injection scenario (object, or path of a JSON file) for the emulator this creates; ignored when `emulator` is given. @default - no faults */
  readonly scenario?: Scenario | string;
  /** @default the emulator's clock when `emulator` is given, else one made from `timeScale` */
  readonly clock?: Clock;
  /** 0 or undefined = virtual (instant) time; 1 = real time; 0.01 = 100× faster. @default virtual time */
  readonly timeScale?: number;
  /** @default a random UUID */
  readonly executionName?: string;
  /** Called for every history event as it is recorded. @default - none */
  readonly onEvent?: (event: HistoryEvent) => void;
  /**
   * Databases to open before the execution starts when it runs on a real-time clock (`timeScale`), so
   * their start-up (seconds, for embedded Postgres) is not counted as simulated time.
   * @default - every literal `Database` named in the definition and the input
   */
  readonly warmUpDatabases?: readonly string[];
  /** Further runtime options (task handlers, role ARN, state machine name, ...). @default {} */
  readonly runOptions?: Omit<RunOptions, 'emulator' | 'clock' | 'timeScale' | 'executionName' | 'onEvent'>;
}

/**
 * Runs any ASL definition on the local runtime with a Redshift Data emulator serving `redshiftdata`
 * tasks. Invalid definitions and scenario files throw typed errors before anything runs.
 */
export async function runDefinitionLocally(definition: unknown, input: unknown, options: LocalRunOptions = {}): Promise<ExecutionResult> {
  const warmUpDatabases = options.warmUpDatabases ?? databasesNamedIn([definition, input], undefined);
  return withEmulator({ ...options, warmUpDatabases }, async (emulator, clock) => {
    // An event-mode definition gets its completion table and relay on the same clock (unless the caller serves DynamoDB).
    const settings = eventSettingsOf(typeof definition === 'string' ? safeParse(definition) : definition);
    const ownDynamoDb = options.runOptions?.services?.some((service) => service.service === 'dynamodb') ?? false;
    const companions = settings && !ownDynamoDb ? attachEventCompanions(settings, emulator, clock) : undefined;
    try {
      return await runExecution(definition, input, {
        ...options.runOptions,
        ...(companions ? { services: [...(options.runOptions?.services ?? []), ...companions.services], taskTokens: companions.taskTokens } : {}),
        emulator,
        clock,
        executionName: options.executionName,
        onEvent: options.onEvent,
      });
    } finally {
      companions?.close();
    }
  });
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Gives `work` the caller's emulator, or a new one it closes afterwards (even when `work` throws). */
export async function withEmulator<T>(options: LocalRunOptions, work: (emulator: RedshiftDataEmulator, clock: Clock) => Promise<T>): Promise<T> {
  if (options.emulator) return work(options.emulator, options.clock ?? options.emulator.clock);
  const scenario = typeof options.scenario === 'string' ? await loadScenario(options.scenario) : options.scenario;
  const clock = options.clock ?? createClock(options.timeScale);
  const emulator = new RedshiftDataEmulator({ clock, scenario });
  try {
    if (options.timeScale) {
      for (const database of new Set(options.warmUpDatabases ?? [])) await emulator.query(database, 'select 1');
    }
    return await work(emulator, clock);
  } finally {
    await emulator.close();
  }
}

/** Every literal `Database` value in the definition and the query list (where statements will run), plus the default. */
export function databasesNamedIn(sources: readonly unknown[], defaultDatabase: string | undefined): string[] {
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
