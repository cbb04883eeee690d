/** Parallel: runs every branch at once on the same input (Arguments or the state input), each in its own scope. */
import { StatesError } from '../../errors';
import { evaluateTemplate } from '../../jsonata/template';
import type { ParallelState } from '../compiled-machine';
import type { MachineRunner } from '../run-states';
import type { StateOutcome, StateRun } from '../state-run';
import { childLane, groupSignal, PathAborted } from './branch-lane';

export async function runParallel(run: StateRun<ParallelState>, runStates: MachineRunner): Promise<StateOutcome> {
  const { state, exec, lane } = run;
  const input = state.arguments ? await evaluateTemplate(state.arguments, run.env()) : run.effectiveInput();
  const startedId = exec.record(lane, 'ParallelStateStarted', { name: state.name });
  const group = new AbortController();
  const signal = groupSignal(lane.signal, group);
  let failure: unknown;
  const results = await Promise.all(
    state.branches.map(async (branch) => {
      const branchLane = childLane(exec, lane, startedId, signal);
      try {
        return await runStates(exec, branch, input, branchLane);
      } catch (error) {
        if (!(error instanceof PathAborted) || lane.signal.aborted) {
          failure ??= error;
          group.abort(new PathAborted());
        }
        return undefined;
      } finally {
        branchLane.scope.release();
      }
    }),
  );
  if (lane.signal.aborted) throw lane.signal.reason;
  if (failure !== undefined) {
    // AWS writes ParallelStateFailed without details (LocalStack's AWS recordings).
    if (failure instanceof StatesError) exec.record(lane, 'ParallelStateFailed');
    // The state fails with the branch's own error, matched by the Parallel's Retry/Catch.
    throw failure;
  }
  exec.record(lane, 'ParallelStateSucceeded', { name: state.name });
  return run.finish(run.env({ result: results }), results, state.next);
}
