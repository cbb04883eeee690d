import type { StatementResult } from '../../local-run';
import type { ExecutionResult } from '../../runtime';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../exit-codes';
import { formatDuration } from '../progress/format';

/** The JSON an execution command prints on stdout. */
export interface ExecutionReport {
  readonly status: ExecutionResult['status'];
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  /** Billed state transitions. */
  readonly transitions: number;
  /** Simulated duration in milliseconds. */
  readonly durationMs: number;
  readonly executionArn: string;
  readonly startDate: string;
  readonly stopDate: string;
  readonly historyEventCount: number;
  /** Only with `--history`. */
  readonly history?: ExecutionResult['history'];
  /** Only with `--results` (and a SUCCEEDED execution): the rows of each statement with a result set. */
  readonly results?: readonly StatementResult[];
}

export function toExecutionReport(result: ExecutionResult, includeHistory: boolean, results?: readonly StatementResult[]): ExecutionReport {
  return {
    status: result.status,
    ...(result.output !== undefined ? { output: result.output } : {}),
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(result.cause !== undefined ? { cause: result.cause } : {}),
    transitions: result.transitions,
    durationMs: result.durationMs,
    executionArn: result.executionArn,
    startDate: new Date(result.startTime).toISOString(),
    stopDate: new Date(result.stopTime).toISOString(),
    historyEventCount: result.history.length,
    ...(includeHistory ? { history: result.history } : {}),
    ...(results !== undefined ? { results } : {}),
  };
}

/**
 * Prints the result JSON on stdout and a summary line on stderr; a FAILED or TIMED_OUT execution
 * also prints its Error and Cause there and yields {@link ExitCode.EXECUTION_FAILED}.
 */
export function reportExecution(result: ExecutionResult, io: CliIo, includeHistory: boolean, results?: readonly StatementResult[]): ExitCode {
  io.stdout.write(`${JSON.stringify(toExecutionReport(result, includeHistory, results), null, 2)}\n`);
  const summary = `${result.transitions} state transitions, ${formatDuration(result.durationMs)} simulated`;
  if (result.status === 'SUCCEEDED') {
    io.stderr.write(`Execution SUCCEEDED (${summary})\n`);
    return ExitCode.SUCCESS;
  }
  io.stderr.write(`Execution ${result.status} (${summary})\n  Error: ${result.error ?? '(none)'}\n  Cause: ${result.cause ?? '(none)'}\n`);
  return ExitCode.EXECUTION_FAILED;
}
