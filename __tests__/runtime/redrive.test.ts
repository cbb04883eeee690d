/** redriveExecution: resumes a failed execution at the state that did not finish, as Step Functions' RedriveExecution. */
import { redriveExecution, TaskError } from '../../lib/runtime';
import { eventsOf, machine, run, types } from './helpers/run';

const TASK = 'arn:aws:states:::lambda:invoke';

describe('redriveExecution', () => {
  const states = {
    First: { Type: 'Pass', Assign: { seen: '{% $states.input.n %}' }, Output: { step: 1 }, Next: 'Work' },
    Work: { Type: 'Task', Resource: TASK, Arguments: { n: '{% $seen %}' }, Output: '{% {"done": $states.result, "redrive": $states.context.Execution.RedriveCount} %}', End: true },
  };

  test('re-runs the failed task with its input and the variables as they were, not the states that finished', async () => {
    let calls = 0;
    const handler = async (args: { n: number }) => {
      calls++;
      if (calls === 1) throw new TaskError('Service.Unavailable', 'try later');
      return args.n * 2;
    };
    const options = { taskHandlers: { [TASK]: handler } };
    const failed = await run(states, { n: 21 }, options);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Service.Unavailable', redriveCount: 0 });
    expect(failed.redrivePoint).toEqual({ stateName: 'Work', input: { step: 1 }, variables: { seen: 21 } });

    const redriven = await redriveExecution(machine(states), failed, options);
    expect(redriven).toMatchObject({ status: 'SUCCEEDED', output: { done: 42, redrive: 1 }, redriveCount: 1, executionArn: failed.executionArn });
    // The history goes on after the first attempt's; First (a Pass) ran once.
    expect(redriven.history.slice(0, failed.history.length)).toEqual(failed.history);
    expect(redriven.history[failed.history.length]!.type).toBe('ExecutionRedriven');
    expect(eventsOf(redriven, 'PassStateEntered')).toHaveLength(1);
    expect(calls).toBe(2);
  });

  test('an execution that failed in a Fail state fails there again (nothing before it runs)', async () => {
    let calls = 0;
    const failing = {
      Work: { Type: 'Task', Resource: TASK, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }], End: true },
      Failed: { Type: 'Fail', Error: 'Custom.Failed', Cause: 'caught' },
    };
    const options = { taskHandlers: { [TASK]: async () => { calls++; throw new TaskError('Service.Unavailable', 'x'); } } };
    const failed = await run(failing, {}, options);
    expect(failed.redrivePoint?.stateName).toBe('Failed');
    const redriven = await redriveExecution(machine(failing), failed, options);
    expect(redriven).toMatchObject({ status: 'FAILED', error: 'Custom.Failed' });
    expect(types(redriven).slice(failed.history.length)).toEqual(['ExecutionRedriven', 'FailStateEntered', 'ExecutionFailed']);
    expect(calls).toBe(1);
  });

  test('a succeeded execution cannot be redriven', async () => {
    const done = await run({ P: { Type: 'Pass', End: true } });
    await expect(redriveExecution(machine({ P: { Type: 'Pass', End: true } }), done)).rejects.toThrow(/ExecutionNotRedrivable/);
  });
});
