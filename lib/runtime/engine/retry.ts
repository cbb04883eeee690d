/** Retry and Catch matching and back-off, with AWS's defaults and wildcard rules. */
import { StatesErrors } from '../errors';
import type { CompiledRetrier } from './compiled-machine';

/** AWS defaults of a retrier's optional fields. */
export const RETRY_DEFAULTS = {
  /** Seconds before the first retry. */
  intervalSeconds: 1,
  /** Retries after the first attempt (0 = never retry). */
  maxAttempts: 3,
  /** Multiplier of the interval at each retry. */
  backoffRate: 2,
} as const;

/**
 * Whether an `ErrorEquals` list matches an error name. AWS rules: `States.ALL` matches everything except the
 * terminal `States.DataLimitExceeded` and `States.Runtime`; `States.TaskFailed` is a wildcard for every error
 * except `States.Timeout` (and those two terminals); `States.Runtime` is never retried or caught;
 * `States.DataLimitExceeded` only by its own name.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (error === StatesErrors.Runtime) return false;
  for (const name of errorEquals) {
    if (name === error) return true;
    if (error === StatesErrors.DataLimitExceeded) continue;
    if (name === StatesErrors.ALL) return true;
    if (name === StatesErrors.TaskFailed && error !== StatesErrors.Timeout) return true;
  }
  return false;
}

/**
 * Milliseconds to wait before retry number `attempt` (0-based) of this retrier:
 * IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, then uniform in [0, that] with FULL jitter.
 */
export function retryDelayMs(retrier: CompiledRetrier, attempt: number, random: () => number): number {
  let seconds = retrier.intervalSeconds * Math.pow(retrier.backoffRate, attempt);
  if (retrier.maxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.maxDelaySeconds);
  if (retrier.jitterStrategy === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}
