/** Small builders for runtime tests: a JSONata machine from its States, and lookups over the history. */
import { VirtualClock } from '../../../lib/clock';
import { ExecutionResult, HistoryEvent, runExecution, RunOptions } from '../../../lib/runtime';

export type States = Record<string, Record<string, unknown>>;

export function machine(states: States, startAt = Object.keys(states)[0]!, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { QueryLanguage: 'JSONata', StartAt: startAt, States: states, ...extra };
}

export function run(states: States, input: unknown = {}, options: RunOptions = {}): Promise<ExecutionResult> {
  return runExecution(machine(states), input, { executionName: 'test-execution', ...options });
}

export function types(result: ExecutionResult): string[] {
  return result.history.map((e) => e.type);
}

export function eventsOf(result: ExecutionResult, type: string): HistoryEvent[] {
  return result.history.filter((e) => e.type === type);
}

/** Seconds since the execution started, for asserting simulated timings. */
export function secondsAt(result: ExecutionResult, event: HistoryEvent): number {
  return (event.timestamp - result.startTime) / 1000;
}

export function freshClock(): VirtualClock {
  return new VirtualClock(Date.UTC(2026, 0, 1));
}
