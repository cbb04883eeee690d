/** Runs the generated definition on the local runtime against a Redshift Data emulator sharing one PGlite engine. */
import { buildDefinition, DefinitionOptions } from '../../../lib/definition';
import { PgliteEngine, RedshiftDataEmulator, Scenario } from '../../../lib/emulator';
import { ExecutionResult, HistoryEvent, runExecution, RunOptions } from '../../../lib/runtime';

export const CONNECTION: DefinitionOptions = { clusterIdentifier: 'test-cluster', database: 'dev', dbUser: 'admin' };
export const EXECUTION_ROLE = 'arn:aws:iam::123456789012:role/LocalStepFunctionsRole';

export interface QueryRun {
  readonly result: ExecutionResult;
  readonly emulator: RedshiftDataEmulator;
}

/** One engine per test file (PGlite takes seconds to start); each run gets a fresh emulator and clock. */
export class QueryRunner {
  private readonly engine = new PgliteEngine();
  private readonly emulators: RedshiftDataEmulator[] = [];

  async run(
    input: unknown,
    setup: { options?: DefinitionOptions; scenario?: Scenario; runOptions?: RunOptions } = {},
  ): Promise<QueryRun> {
    const emulator = this.emulator(setup.scenario);
    const definition = buildDefinition({ ...CONNECTION, ...setup.options });
    const result = await runExecution(definition, input, { emulator, executionName: 'definition-test', ...setup.runOptions });
    return { result, emulator };
  }

  emulator(scenario?: Scenario): RedshiftDataEmulator {
    const emulator = new RedshiftDataEmulator({ sqlEngine: this.engine, scenario });
    this.emulators.push(emulator);
    return emulator;
  }

  /** SQL straight on the embedded database (setup and assertions). */
  query(sql: string): Promise<Record<string, string | null>[]> {
    return (this.emulators[0] ?? this.emulator()).query('dev', sql);
  }

  async close(): Promise<void> {
    for (const emulator of this.emulators) await emulator.close();
    await this.engine.close();
  }
}

/** Seconds each visit of a Wait state lasted, in order. */
export function waitDurations(result: ExecutionResult, stateName: string): number[] {
  const durations: number[] = [];
  let enteredAt: number | undefined;
  for (const event of result.history) {
    if (event.type === 'WaitStateEntered' && event.details?.name === stateName) enteredAt = event.timestamp;
    if (event.type === 'WaitStateExited' && event.details?.name === stateName && enteredAt !== undefined) {
      durations.push((event.timestamp - enteredAt) / 1000);
      enteredAt = undefined;
    }
  }
  return durations;
}

/** Seconds after the start at which a Task of `resource` (e.g. `describeStatement`) was scheduled. */
export function taskTimes(result: ExecutionResult, resource: string): number[] {
  return result.history
    .filter((event: HistoryEvent) => event.type === 'TaskScheduled' && event.details?.resource === resource)
    .map((event) => (event.timestamp - result.startTime) / 1000);
}

/** A deterministic random source cycling through the given values. */
export function cycle(...values: number[]): () => number {
  let next = 0;
  return () => values[next++ % values.length]!;
}
