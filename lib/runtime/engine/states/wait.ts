/** Wait: sleeps on the execution's clock for Seconds, or until Timestamp. */
import { MAX_WAIT_SECONDS, WAIT_TIMESTAMP_PATTERN } from '../../../asl-validation';
import { StatesError, StatesErrors } from '../../errors';
import { evaluateTemplate } from '../../jsonata/template';
import type { WaitState } from '../compiled-machine';
import type { StateOutcome, StateRun } from '../state-run';

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
  } else {
    const timestamp = await evaluateTemplate(state.timestamp!, env);
    const at = typeof timestamp === 'string' && WAIT_TIMESTAMP_PATTERN.test(timestamp) ? Date.parse(timestamp) : NaN;
    if (Number.isNaN(at)) {
      // AWS's wording (LocalStack's AWS recording scenarios/test_base_scenarios.snapshot.json, test_wait_timestamp_jsonata).
      throw new StatesError(
        StatesErrors.QueryEvaluationError,
        `${run.errorPrefix()} The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof timestamp === 'string' ? timestamp : JSON.stringify(timestamp) ?? 'null'}`,
        'Timestamp',
      );
    }
    // AWS truncates the timestamp to the second.
    delayMs = Math.max(0, Math.floor(at / 1000) * 1000 - exec.clock.now());
  }
  await exec.clock.sleep(delayMs, lane.signal);
  return run.finish(env, run.input, state.next);
}
