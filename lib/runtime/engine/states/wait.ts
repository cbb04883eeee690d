/** Wait: sleeps on the execution's clock for Seconds, or until Timestamp (JSONPath: also SecondsPath, TimestampPath). */
import { MAX_WAIT_SECONDS, WAIT_TIMESTAMP_PATTERN } from '../../../asl-validation';
import { StatesError, StatesErrors } from '../../errors';
import { evaluateTemplate } from '../../jsonata/template';
import type { WaitState } from '../compiled-machine';
import type { StateOutcome, StateRun } from '../state-run';
import { readValuePath } from './value-path';

export async function runWait(run: StateRun<WaitState>): Promise<StateOutcome> {
  const { state, exec, lane } = run;
  const env = run.env();
  let delayMs: number;
  if (state.seconds) {
    const seconds = await evaluateTemplate(state.seconds, env);
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || seconds > MAX_WAIT_SECONDS) {
      throw run.fieldTypeError(state.seconds, 'Seconds', `an integer between 0 and ${MAX_WAIT_SECONDS}`, seconds);
    }
    delayMs = seconds * 1000;
  } else if (state.timestamp) {
    const timestamp = await evaluateTemplate(state.timestamp, env);
    const at = parseTimestamp(timestamp);
    if (at === undefined) {
      // AWS's wording (LocalStack's AWS recording scenarios/test_base_scenarios.snapshot.json, test_wait_timestamp_jsonata).
      throw new StatesError(
        StatesErrors.QueryEvaluationError,
        `${run.errorPrefix()} The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof timestamp === 'string' ? timestamp : JSON.stringify(timestamp) ?? 'null'}`,
        'Timestamp',
      );
    }
    delayMs = untilMs(at, exec.clock.now());
  } else {
    delayMs = pathDelayMs(run);
  }
  await exec.clock.sleep(delayMs, lane.signal);
  return run.finish(env, run.input, state.next);
}

/**
 * JSONPath SecondsPath / TimestampPath, with AWS's States.Runtime causes (LocalStack's AWS recordings:
 * base/test_wait.snapshot.json test_base_wait_seconds_path, logs/test_logs.snapshot.json wait_seconds_path,
 * scenarios/test_base_scenarios.snapshot.json test_wait_timestamp_path).
 */
function pathDelayMs(run: StateRun<WaitState>): number {
  const runtime = (text: string) => new StatesError(StatesErrors.Runtime, `${run.errorPrefix()} ${text}`);
  const fieldPaths = run.state.jsonPath?.fieldPaths ?? {};
  if (fieldPaths.SecondsPath) {
    const path = fieldPaths.SecondsPath.text;
    const seconds = readValuePath(run, 'SecondsPath', () => runtime(`The SecondsPath parameter does not reference an input value: ${path}`));
    if (typeof seconds !== 'number' || !Number.isInteger(seconds)) {
      throw runtime(`The SecondsPath parameter cannot be parsed as a long value: ${path} == ${typeof seconds === 'string' ? seconds : JSON.stringify(seconds)}`);
    }
    if (seconds < 0) throw runtime(`The SecondsPath parameter references a negative value: ${path} == ${seconds}`);
    if (seconds > MAX_WAIT_SECONDS) throw runtime('Wait state delay is too long.');
    return seconds * 1000;
  }
  const path = fieldPaths.TimestampPath!.text;
  const timestamp = readValuePath(run, 'TimestampPath', () => runtime(`The TimestampPath parameter does not reference an input value: ${path}`));
  const at = parseTimestamp(timestamp);
  if (at === undefined) {
    throw runtime(`The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${typeof timestamp === 'string' ? timestamp : JSON.stringify(timestamp)}`);
  }
  const delayMs = untilMs(at, run.exec.clock.now());
  // AWS keeps the delay in a signed 32-bit count of seconds (24,855 days accepted, 24,856 refused: LocalStack's
  // AWS recording base/test_wait.snapshot.json, test_timestamp_too_far_in_future_boundary).
  if (delayMs >= 2 ** 31 * 1000) throw runtime('Wait state delay is too long.');
  return delayMs;
}

/** Epoch milliseconds of an RFC 3339 timestamp (uppercase T, Z or offset), or undefined (also for 2016-02-30). */
function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string' || !WAIT_TIMESTAMP_PATTERN.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  // Date.parse rolls 2016-02-30 over to March; ISO-8601 parsers refuse it.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate() ? at : undefined;
}

/** AWS truncates the timestamp to the second. */
function untilMs(at: number, now: number): number {
  return Math.max(0, Math.floor(at / 1000) * 1000 - now);
}
