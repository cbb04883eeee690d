/**
 * The executor: walks a state graph from StartAt, and for each state entry writes the Entered/Exited events,
 * checks payload sizes, applies Assign, and applies Retry then Catch (first matching retrier/catcher in array
 * order) around the state's handler.
 */
import { StatesError, StatesErrors } from '../errors';
import type { CompiledCatcher, CompiledMachine, CompiledState } from './compiled-machine';
import type { Execution, Lane } from './execution';
import { dataLimitExceeded, isOverPayloadLimit } from './payload';
import { errorMatches, retryDelayMs } from './retry';
import { StateOutcome, StateRun } from './state-run';
import { STATE_HANDLERS } from './states';

/**
 * Runs a machine (the top level, one Map iteration, one Parallel branch) to its end, from `startAt` (a redrive) or
 * its StartAt; resolves with its output.
 */
export async function runStates(exec: Execution, machine: CompiledMachine, input: unknown, lane: Lane, startAt?: string): Promise<unknown> {
  let state: CompiledState = startAt === undefined ? machine.startAt : machine.states.get(startAt)!;
  let value = input;
  for (;;) {
    let outcome: StateOutcome;
    try {
      outcome = await runState(exec, state, value, lane);
    } catch (error) {
      exec.failedAt = { lane, stateName: state.name, input: value };
      throw error;
    }
    if (outcome.next === undefined) return outcome.output;
    value = outcome.output;
    state = machine.states.get(outcome.next)!;
  }
}

async function runState(exec: Execution, state: CompiledState, input: unknown, lane: Lane): Promise<StateOutcome> {
  if (lane.signal.aborted) throw lane.signal.reason;
  exec.transitions++;
  const enteredTime = exec.clock.now();
  const inputJson = exec.json(input);
  const enteredEventId = exec.record(lane, state.enteredEvent, { name: state.name, input: inputJson });
  const run = new StateRun(exec, state, input, lane, enteredEventId, enteredTime);
  const handler = STATE_HANDLERS[state.type];
  let attempts: number[] | undefined;
  for (;;) {
    try {
      if (isOverPayloadLimit(inputJson)) throw dataLimitExceeded(`The input of the state '${state.name}'`, inputJson);
      const outcome = await handler(run as never, runStates);
      return complete(run, outcome);
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      run.recordFailure(error);
      const retrierIndex = state.retry.findIndex((r) => errorMatches(r.errorEquals, error.error));
      if (retrierIndex >= 0) {
        const retrier = state.retry[retrierIndex]!;
        attempts ??= state.retry.map(() => 0);
        const done = attempts[retrierIndex]!;
        if (done < retrier.maxAttempts) {
          await exec.clock.sleep(retryDelayMs(retrier, done, exec.random), lane.signal);
          attempts[retrierIndex] = done + 1;
          run.retryCount++;
          // Every retry is billed as one more state transition.
          exec.transitions++;
          continue;
        }
      }
      const catcher = state.catch.find((c) => errorMatches(c.errorEquals, error.error));
      if (!catcher) throw error;
      try {
        return complete(run, await caught(run, catcher, error));
      } catch (catcherError) {
        // A catcher's own Output/Assign failing ends the state for good (no second round of Retry/Catch).
        if (catcherError instanceof StatesError) run.recordFailure(catcherError);
        throw catcherError;
      }
    }
  }
}

async function caught(run: StateRun, catcher: CompiledCatcher, error: StatesError): Promise<StateOutcome> {
  const errorOutput = { Error: error.error, Cause: error.cause };
  if (run.state.jsonPath) return run.finishCaughtJsonPath(catcher, errorOutput);
  const env = run.env({ errorOutput });
  return run.finish(env, errorOutput, catcher.next, catcher.output, catcher.assign, `Catch[${catcher.index}]/Assign`);
}

/** Output size check, Assign, then the Exited event. */
function complete(run: StateRun, outcome: StateOutcome): StateOutcome {
  const { exec, state, lane } = run;
  if (state.type === 'Fail') return outcome;
  const json = exec.json(outcome.output);
  if (isOverPayloadLimit(json)) throw dataLimitExceeded(`The output of the state '${state.name}'`, json);
  if (outcome.assign) lane.scope.assign(outcome.assign, state.name, outcome.assignField ?? 'Assign');
  exec.record(lane, state.exitedEvent, { name: state.name, output: json });
  return outcome;
}

export type MachineRunner = typeof runStates;
