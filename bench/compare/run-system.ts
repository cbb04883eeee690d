/**
 * Runs one system (the original model or our definition) on one scenario, on a fresh virtual clock and
 * emulator, and measures it.
 */
import { VirtualClock, seededRandom } from '../../lib/clock';
import { buildDefinition } from '../../lib/definition';
import { RedshiftDataEmulator, Scenario, SqlEngine } from '../../lib/emulator';
import { ExecutionResult, runExecution } from '../../lib/runtime';
import { buildSeedModelDefinition, createSeedLambdas } from '../seed-model';
import { completionLatency } from './latency';
import { costOf, type CostBreakdown } from './pricing';
import type { SystemMetrics, SystemName } from './system-metrics';

/** Connection defaults given to both systems (the original's DefaultClusterId / DefaultDb / DefaultUser). */
export const BENCH_CONNECTION = { clusterIdentifier: 'bench-cluster', database: 'dev', dbUser: 'bench' } as const;

export interface RunSystemOptions {
  readonly system: SystemName;
  readonly scenario: Scenario;
  readonly input: readonly unknown[];
  /** One database engine shared by every run (starting PGlite takes seconds). */
  readonly sqlEngine: SqlEngine;
  /** @default 25000 */
  readonly maxHistoryEvents?: number;
  /** Seed of the random source (jitter). @default 42 */
  readonly seed?: number;
}

export const HISTORY_LIMIT = 25_000;

export async function runSystem(options: RunSystemOptions): Promise<SystemMetrics> {
  const clock = new VirtualClock();
  const emulator = new RedshiftDataEmulator({ clock, scenario: options.scenario, sqlEngine: options.sqlEngine });
  const random = seededRandom(options.seed ?? 42);
  const maxHistoryEvents = options.maxHistoryEvents ?? HISTORY_LIMIT;
  const startedWall = process.hrtime.bigint();
  try {
    let result: ExecutionResult;
    let lambdaInvocations = 0;
    if (options.system === 'original') {
      const lambdas = createSeedLambdas({
        emulator,
        random,
        parameters: {
          defaultClusterId: BENCH_CONNECTION.clusterIdentifier,
          defaultDb: BENCH_CONNECTION.database,
          defaultUser: BENCH_CONNECTION.dbUser,
        },
      });
      result = await runExecution(buildSeedModelDefinition(), options.input, {
        emulator,
        clock,
        random,
        maxHistoryEvents,
        taskHandlers: lambdas.taskHandlers,
        executionName: 'bench-original',
      });
      lambdaInvocations = lambdas.invocations.length;
    } else {
      result = await runExecution(buildDefinition({ ...BENCH_CONNECTION }), options.input, {
        emulator,
        clock,
        random,
        maxHistoryEvents,
        executionName: 'bench-ours',
      });
    }
    const wallMs = Number(process.hrtime.bigint() - startedWall) / 1e6;
    return measure(options.system, result, emulator, lambdaInvocations, maxHistoryEvents, wallMs);
  } finally {
    await emulator.close();
  }
}

export function measure(
  system: SystemName,
  result: ExecutionResult,
  emulator: RedshiftDataEmulator,
  lambdaInvocations: number,
  maxHistoryEvents: number,
  wallMs: number,
  cost: CostBreakdown = costOf(result.transitions, lambdaInvocations),
): SystemMetrics {
  const dataApiCalls: Record<string, number> = {};
  for (const call of emulator.callLog) dataApiCalls[call.operation] = (dataApiCalls[call.operation] ?? 0) + 1;
  const statements = emulator.statements();
  // The emulator fixes each statement's end at submission; a DescribeStatement at or after it sees the terminal status.
  const ends = statements.map((s) => ({ id: s.Id, ...(Number.isFinite(s.endsAt) && s.endsAt <= result.stopTime ? { endedAt: s.endsAt } : {}) }));
  const endsById = new Map(statements.map((s) => [s.Id, s.endsAt]));
  const observations = emulator.callLog
    .filter((call) => call.operation === 'DescribeStatement' && call.errorCode === undefined)
    .map((call) => {
      const id = String((call.request as { Id?: unknown }).Id ?? '').split(':')[0]!;
      const endsAt = endsById.get(id) ?? Infinity;
      return { id, at: call.time, status: call.time >= endsAt ? 'FINISHED' : 'RUNNING' };
    });
  const historyLimitHit =
    result.history.length >= maxHistoryEvents ||
    (result.error === 'States.Runtime' && /maximum number of history events/i.test(result.cause ?? ''));
  return {
    system,
    status: result.status,
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(result.cause !== undefined ? { cause: result.cause } : {}),
    transitions: result.transitions,
    historyEvents: result.history.length,
    historyLimitHit,
    lambdaInvocations,
    dataApiCalls,
    statementsSubmitted: statements.length,
    latency: completionLatency(ends, observations),
    cost,
    virtualDurationMs: result.durationMs,
    wallMs,
  };
}
