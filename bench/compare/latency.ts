import type { LatencyStats } from './system-metrics';

/** When a statement reached a terminal status, on the emulator's clock (undefined = it never did). */
export interface StatementEnd {
  readonly id: string;
  readonly endedAt?: number;
}

/** A DescribeStatement answer the workflow received. */
export interface StatusObservation {
  readonly id: string;
  readonly at: number;
  readonly status: string;
}

const TERMINAL = new Set(['FINISHED', 'FAILED', 'ABORTED']);

/**
 * Completion-detection latency: for each statement that ended, the time from its end to the first
 * DescribeStatement that reported the terminal status (the moment the workflow can move on).
 */
export function completionLatency(ends: readonly StatementEnd[], observations: readonly StatusObservation[]): LatencyStats {
  const firstSeen = new Map<string, number>();
  for (const observation of observations) {
    if (!TERMINAL.has(observation.status)) continue;
    const previous = firstSeen.get(observation.id);
    if (previous === undefined || observation.at < previous) firstSeen.set(observation.id, observation.at);
  }
  const latencies: number[] = [];
  let unobserved = 0;
  for (const end of ends) {
    if (end.endedAt === undefined) continue;
    const seen = firstSeen.get(end.id);
    if (seen === undefined) unobserved++;
    else latencies.push(Math.max(0, seen - end.endedAt));
  }
  const total = latencies.reduce((sum, value) => sum + value, 0);
  return {
    observed: latencies.length,
    unobserved,
    meanMs: latencies.length ? total / latencies.length : NaN,
    maxMs: latencies.length ? Math.max(...latencies) : NaN,
  };
}
