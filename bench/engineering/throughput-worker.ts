/**
 * Child-process entry of the throughput measurement (forked by measure-throughput.ts, so its peak memory is
 * its own). Runs the workload several times, then once more under the CPU profiler, and sends the numbers back.
 */
import { VirtualClock } from '../../lib/clock';
import { loadScenario, PgliteEngine, RedshiftDataEmulator } from '../../lib/emulator';
import { runExecution } from '../../lib/runtime';
import { CpuCategory, profile, selfTimeBreakdown } from './cpu-profile';
import { runSystem } from '../compare/run-system';
import { SCENARIOS } from '../scenarios/catalog';
import type { RealDefinitionProfile, ThroughputResult } from './results';
import { THROUGHPUT_POLL_SECONDS, THROUGHPUT_STATEMENT_SECONDS, buildThroughputDefinition } from './throughput-definition';

const EXECUTIONS = 100;
const TIMED_RUNS = 3;
const REAL_DEFINITION_SCENARIO = 'b';

const JSONATA_PACKAGE = 'jsonata package';
const JSONATA_LAYER = "runtime's expression layer and fast path (lib/runtime/jsonata)";
const CPU_AREAS: readonly CpuCategory[] = [
  { name: JSONATA_PACKAGE, urlParts: ['/node_modules/jsonata/'] },
  { name: JSONATA_LAYER, urlParts: ['/lib/runtime/jsonata/'] },
  { name: 'runtime (lib/runtime)', urlParts: ['/lib/runtime/'] },
  { name: 'emulator (lib/emulator)', urlParts: ['/lib/emulator/'] },
  { name: 'PGlite', urlParts: ['/node_modules/@electric-sql/'] },
  { name: 'garbage collection', functionName: '(garbage collector)' },
  { name: 'virtual clock (lib/clock)', urlParts: ['/lib/clock/'] },
];

interface WorkloadRun {
  readonly transitions: number;
  readonly succeeded: number;
  readonly wallMs: number;
}

async function runWorkload(engine: PgliteEngine): Promise<WorkloadRun> {
  const clock = new VirtualClock();
  const emulator = new RedshiftDataEmulator({
    clock,
    sqlEngine: engine,
    scenario: { defaultDurationSeconds: THROUGHPUT_STATEMENT_SECONDS, maxActiveStatements: EXECUTIONS + 1 },
  });
  const definition = buildThroughputDefinition();
  const started = process.hrtime.bigint();
  try {
    const results = await Promise.all(
      Array.from({ length: EXECUTIONS }, (_, i) =>
        runExecution(definition, { sql: `select ${i} as execution` }, { emulator, clock, executionName: `throughput-${i}` }),
      ),
    );
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    return {
      transitions: results.reduce((sum, r) => sum + r.transitions, 0),
      succeeded: results.filter((r) => r.status === 'SUCCEEDED').length,
      wallMs,
    };
  } finally {
    await emulator.close();
  }
}

/** Our generated definition on scenario (b), under the profiler: where the time goes on a real, heavier definition. */
async function profileRealDefinition(engine: PgliteEngine): Promise<RealDefinitionProfile> {
  const scenario = SCENARIOS.find((s) => s.id === REAL_DEFINITION_SCENARIO)!;
  const emulatorScenario = await loadScenario(scenario.scenarioFile);
  const { result: metrics, profile: cpuProfile } = await profile(() =>
    runSystem({ system: 'ours', scenario: emulatorScenario, input: scenario.input, sqlEngine: engine }),
  );
  const breakdown = selfTimeBreakdown(cpuProfile, CPU_AREAS);
  return {
    scenarioId: scenario.id,
    transitions: metrics.transitions,
    wallMs: metrics.wallMs,
    jsonataShare: (breakdown[JSONATA_PACKAGE] ?? 0) + (breakdown[JSONATA_LAYER] ?? 0),
    cpuBreakdown: breakdown,
  };
}

async function main(): Promise<void> {
  const engine = new PgliteEngine();
  try {
    await engine.database('dev');
    const baselineRssBytes = process.memoryUsage().rss;
    const runs: WorkloadRun[] = [];
    for (let i = 0; i < TIMED_RUNS; i++) runs.push(await runWorkload(engine));
    const rates = runs.map((r) => r.transitions / (r.wallMs / 1000)).sort((a, b) => a - b);
    const heapUsedBytes = process.memoryUsage().heapUsed;
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    const { profile: cpuProfile } = await profile(() => runWorkload(engine));
    const breakdown = selfTimeBreakdown(cpuProfile, CPU_AREAS);
    const realDefinition = await profileRealDefinition(engine);
    const result: ThroughputResult = {
      executions: EXECUTIONS,
      pollsPerExecution: THROUGHPUT_STATEMENT_SECONDS / THROUGHPUT_POLL_SECONDS,
      transitionsPerRun: runs[0]!.transitions,
      succeeded: runs[runs.length - 1]!.succeeded,
      runsWallMs: runs.map((r) => r.wallMs),
      medianTransitionsPerSecond: rates[rates.length >> 1]!,
      jsonataShare: (breakdown[JSONATA_PACKAGE] ?? 0) + (breakdown[JSONATA_LAYER] ?? 0),
      cpuBreakdown: breakdown,
      baselineRssBytes,
      peakRssBytes,
      heapUsedBytes,
      realDefinition,
    };
    process.send?.({ ok: true, result });
  } finally {
    await engine.close();
  }
}

main().catch((error: unknown) => {
  process.send?.({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
});
