/** Pass, Succeed, Fail: states that only shape data or end the path. */
import { StatesError } from '../../errors';
import { evaluateTemplate } from '../../jsonata/template';
import type { FailState, PassState, SucceedState } from '../compiled-machine';
import type { StateOutcome, StateRun } from '../state-run';

export async function runPass(run: StateRun<PassState>): Promise<StateOutcome> {
  return run.finish(run.env(), run.input, run.state.next);
}

export async function runSucceed(run: StateRun<SucceedState>): Promise<StateOutcome> {
  return run.finish(run.env(), run.input, undefined);
}

/** Fails the path with the state's Error and Cause (each a string or an expression yielding a string). */
export async function runFail(run: StateRun<FailState>): Promise<StateOutcome> {
  const env = run.env();
  const { error: errorTemplate, cause: causeTemplate } = run.state;
  const error = errorTemplate ? await evaluateTemplate(errorTemplate, env) : '';
  if (typeof error !== 'string') throw run.unexpectedType(errorTemplate!, 'Error', 'string', error);
  const cause = causeTemplate ? await evaluateTemplate(causeTemplate, env) : '';
  if (typeof cause !== 'string') throw run.unexpectedType(causeTemplate!, 'Cause', 'string', cause);
  const failure = new StatesError(error, cause);
  // A Fail state has no failure event of its own: FailStateEntered is followed by the execution (or iteration) failure.
  failure.recorded = true;
  throw failure;
}
