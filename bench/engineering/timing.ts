import { spawnSync } from 'node:child_process';

export interface CommandTiming {
  /** Wall time of each run, in milliseconds, in run order. */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  /** Exit code of the last run (0 = success). */
  readonly exitCode: number;
  /** Last lines of output of a failed run, to show in the report. */
  readonly failureTail?: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface TimeCommandOptions {
  readonly cwd: string;
  /** Runs to attempt at most. */
  readonly maxRuns: number;
  /** Stop starting new runs once this much wall time has been spent (at least one run always happens). */
  readonly budgetMs: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Per-run kill timeout. */
  readonly timeoutMs: number;
}

/** Runs a command several times (sequentially, output captured) and reports the wall time of each run. */
export function timeCommand(command: string, args: readonly string[], options: TimeCommandOptions): CommandTiming {
  const runsMs: number[] = [];
  let exitCode = 0;
  let failureTail: string | undefined;
  const started = Date.now();
  while (runsMs.length < options.maxRuns && (runsMs.length === 0 || Date.now() - started < options.budgetMs)) {
    const before = process.hrtime.bigint();
    const run = spawnSync(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      encoding: 'utf8',
      timeout: options.timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    runsMs.push(Number(process.hrtime.bigint() - before) / 1e6);
    exitCode = run.status ?? 1;
    if (exitCode !== 0) {
      const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}${run.error ? `\n${run.error.message}` : ''}`;
      failureTail = output.trim().split('\n').slice(-8).join('\n');
      break;
    }
    // A run that alone eats most of the budget is not repeated.
    const remaining = options.budgetMs - (Date.now() - started);
    if (runsMs[runsMs.length - 1]! > remaining) break;
  }
  return { runsMs, medianMs: median(runsMs), exitCode, failureTail };
}
