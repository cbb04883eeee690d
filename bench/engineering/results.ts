import type { TestSuiteTiming } from './test-suite-time';
import type { CommandTiming } from './timing';

export interface ThroughputResult {
  readonly executions: number;
  /** Polls (Wait → describeStatement → Choice loops) per execution. */
  readonly pollsPerExecution: number;
  readonly transitionsPerRun: number;
  readonly succeeded: number;
  /** Wall time of each timed run of the whole workload. */
  readonly runsWallMs: readonly number[];
  readonly medianTransitionsPerSecond: number;
  /**
   * Share of busy CPU time (self time) spent evaluating expressions: the jsonata package plus the runtime's own
   * expression layer (which evaluates simple expressions synchronously without jsonata), from a separate profiled run.
   */
  readonly jsonataShare: number;
  /** Share of busy CPU time per area (jsonata, runtime, emulator, PGlite, GC, other), from the same profiled run. */
  readonly cpuBreakdown: Readonly<Record<string, number>>;
  /** Resident set size once the embedded database is up, before the first run, bytes (PGlite's share of the peak). */
  readonly baselineRssBytes: number;
  /** Peak resident set size of the worker process (resourceUsage().maxRSS), bytes. */
  readonly peakRssBytes: number;
  /** Heap in use after the last timed run, bytes. */
  readonly heapUsedBytes: number;
  /** The same profile taken on our generated definition running one of the comparison scenarios. */
  readonly realDefinition: RealDefinitionProfile;
}

export interface RealDefinitionProfile {
  readonly scenarioId: string;
  readonly transitions: number;
  /** Wall time of the profiled run (the profiler slows it a little). */
  readonly wallMs: number;
  readonly jsonataShare: number;
  readonly cpuBreakdown: Readonly<Record<string, number>>;
}

export interface DefinitionSizes {
  /** `JSON.stringify` of our generated definition with default options. */
  readonly oursDefaultBytes: number;
  /** With every connection and wait option set (a realistic deployment). */
  readonly oursConfiguredBytes: number;
  readonly seedModelBytes: number;
  readonly limitBytes: number;
}

/** A measurement, or why it could not be taken. */
export type Measured<T> = { readonly value: T } | { readonly skipped: string };

export interface EngineeringResults {
  readonly synth: Measured<CommandTiming>;
  readonly definitionSizes: Measured<DefinitionSizes>;
  readonly throughput: Measured<ThroughputResult>;
  readonly testSuite: Measured<TestSuiteTiming>;
}
