import type { CostBreakdown } from './pricing';

export type SystemName = 'original' | 'ours' | 'ours-event';

export interface LatencyStats {
  /** Statements whose end (FINISHED, FAILED or ABORTED) the workflow observed. */
  readonly observed: number;
  /** Statements that ended but were never observed (e.g. the execution died first). */
  readonly unobserved: number;
  readonly meanMs: number;
  readonly maxMs: number;
}

/** Everything measured from one execution of one system on one scenario. */
export interface SystemMetrics {
  readonly system: SystemName;
  readonly status: string;
  readonly error?: string;
  readonly cause?: string;
  readonly transitions: number;
  readonly historyEvents: number;
  readonly historyLimitHit: boolean;
  readonly lambdaInvocations: number;
  /** Data API calls by operation name (`ExecuteStatement`, `DescribeStatement`, ...). */
  readonly dataApiCalls: Readonly<Record<string, number>>;
  readonly statementsSubmitted: number;
  readonly latency: LatencyStats;
  readonly cost: CostBreakdown;
  /** Simulated duration of the execution. */
  readonly virtualDurationMs: number;
  /** Real time the simulation took (not a product number, shown to explain the bench's own run time). */
  readonly wallMs: number;
}

export interface ScenarioComparison {
  readonly id: string;
  readonly title: string;
  readonly original: SystemMetrics;
  readonly ours?: SystemMetrics;
  /** Ours in event completion mode (main machine + relay on the local cloud, events delayed by the stated assumption). */
  readonly oursEvent?: SystemMetrics;
  /** Why `ours` is missing (definition not available, run crashed). */
  readonly oursMissing?: string;
}
