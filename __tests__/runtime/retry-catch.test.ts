import { TaskError } from '../../lib/runtime';
import { eventsOf, run, secondsAt, types } from './helpers/run';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** A handler that throws the given errors in turn, then succeeds with the attempt count. */
function failing(...errors: string[]) {
  let attempt = 0;
  const handler = async () => {
    const error = errors[attempt++];
    if (error) throw new TaskError(error, `attempt ${attempt}`);
    return { attempts: attempt };
  };
  return { handler, attempts: () => attempt };
}

describe('Retry', () => {
  test('waits IntervalSeconds × BackoffRate^n between attempts, on the virtual clock', async () => {
    const { handler } = failing('E', 'E', 'E');
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['E'], IntervalSeconds: 3, BackoffRate: 2, MaxAttempts: 3 }], End: true } },
      {},
      { taskHandlers: { [LAMBDA]: handler } },
    );
    expect(result.status).toBe('SUCCEEDED');
    const scheduled = eventsOf(result, 'TaskScheduled').map((e) => secondsAt(result, e));
    expect(scheduled).toEqual([0, 3, 9, 21]);
    expect(result.output).toEqual({ attempts: 4 });
  });

  test('uses the defaults 1 s, ×2, 3 attempts', async () => {
    const { handler, attempts } = failing('E', 'E', 'E', 'E');
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['States.ALL'] }], End: true } },
      {},
      { taskHandlers: { [LAMBDA]: handler } },
    );
    expect(result.status).toBe('FAILED');
    expect(attempts()).toBe(4);
    expect(eventsOf(result, 'TaskScheduled').map((e) => secondsAt(result, e))).toEqual([0, 1, 3, 7]);
    expect(result.cause).toBe('attempt 4');
  });

  test('caps each delay at MaxDelaySeconds', async () => {
    const { handler } = failing('E', 'E', 'E', 'E');
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['E'], IntervalSeconds: 10, BackoffRate: 3, MaxAttempts: 5, MaxDelaySeconds: 40 }], End: true } },
      {},
      { taskHandlers: { [LAMBDA]: handler } },
    );
    expect(eventsOf(result, 'TaskScheduled').map((e) => secondsAt(result, e))).toEqual([0, 10, 40, 80, 120]);
  });

  test('FULL jitter draws each delay uniformly below the computed back-off', async () => {
    const { handler } = failing('E', 'E');
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['E'], IntervalSeconds: 10, JitterStrategy: 'FULL' }], End: true } },
      {},
      { taskHandlers: { [LAMBDA]: handler }, random: () => 0.5 },
    );
    expect(eventsOf(result, 'TaskScheduled').map((e) => secondsAt(result, e))).toEqual([0, 5, 15]);
  });

  test('keeps one attempt counter per retrier and uses the first matching retrier (AWS example)', async () => {
    // AWS: errors ErrorA, ErrorB, ErrorC, ErrorB with retriers [A,B max 2] and [C 5 s]: waits 1 s, 2 s, 5 s,
    // then the fourth error exhausts the first retrier and the Catch takes over.
    const { handler } = failing('ErrorA', 'ErrorB', 'ErrorC', 'ErrorB');
    const result = await run(
      {
        X: {
          Type: 'Task',
          Resource: LAMBDA,
          Retry: [
            { ErrorEquals: ['ErrorA', 'ErrorB'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 2 },
            { ErrorEquals: ['ErrorC'], IntervalSeconds: 5 },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Z' }],
          Next: 'Y',
        },
        Y: { Type: 'Succeed' },
        Z: { Type: 'Pass', End: true },
      },
      {},
      { taskHandlers: { [LAMBDA]: handler } },
    );
    expect(eventsOf(result, 'TaskScheduled').map((e) => secondsAt(result, e))).toEqual([0, 1, 3, 8]);
    expect(eventsOf(result, 'PassStateEntered')[0]!.details!.name).toBe('Z');
    expect(result.output).toEqual({ Error: 'ErrorB', Cause: 'attempt 4' });
  });

  test('MaxAttempts 0 never retries', async () => {
    const { handler, attempts } = failing('E');
    await run({ T: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['E'], MaxAttempts: 0 }], End: true } }, {}, { taskHandlers: { [LAMBDA]: handler } });
    expect(attempts()).toBe(1);
  });

  test('counts each retry as a billed transition and exposes RetryCount in the context', async () => {
    const { handler } = failing('E', 'E');
    const retryCounts: number[] = [];
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, Arguments: { retry: '{% $states.context.State.RetryCount %}' }, Retry: [{ ErrorEquals: ['E'] }], End: true } },
      {},
      { taskHandlers: { [LAMBDA]: async (args, inv) => { retryCounts.push(args.retry); expect(inv.retryCount).toBe(args.retry); return handler(); } } },
    );
    expect(retryCounts).toEqual([0, 1, 2]);
    expect(result.transitions).toBe(3);
    const attempt = ['TaskScheduled', 'TaskStarted'];
    expect(types(result)).toEqual([
      'ExecutionStarted', 'TaskStateEntered',
      ...attempt, 'TaskFailed', ...attempt, 'TaskFailed', ...attempt, 'TaskSucceeded',
      'TaskStateExited', 'ExecutionSucceeded',
    ]);
    expect(types(result).filter((t) => t === 'TaskStateEntered')).toHaveLength(1);
  });

  test('States.TaskFailed matches any error except States.Timeout', async () => {
    const timeout = await run(
      { T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 5, Retry: [{ ErrorEquals: ['States.TaskFailed'] }], End: true } },
      {},
      { taskHandlers: { [LAMBDA]: () => new Promise(() => undefined) } },
    );
    expect(timeout.error).toBe('States.Timeout');
    expect(eventsOf(timeout, 'TaskScheduled')).toHaveLength(1);

    const { handler, attempts } = failing('Custom.Error');
    const custom = await run({ T: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['States.TaskFailed'] }], End: true } }, {}, { taskHandlers: { [LAMBDA]: handler } });
    expect(custom.status).toBe('SUCCEEDED');
    expect(attempts()).toBe(2);
  });

  test('States.Timeout can be retried by name', async () => {
    let calls = 0;
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 5, Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 1 }], End: true } },
      {},
      { taskHandlers: { [LAMBDA]: () => (++calls === 1 ? new Promise(() => undefined) : Promise.resolve('ok')) } },
    );
    expect(result.output).toBe('ok');
    expect(types(result)).toContain('TaskTimedOut');
  });
});

describe('Catch', () => {
  test('goes to the first matching catcher with the error output {Error, Cause} by default', async () => {
    const result = await run(
      {
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          Catch: [
            { ErrorEquals: ['Other'], Next: 'Wrong' },
            { ErrorEquals: ['Boom'], Next: 'Handled' },
            { ErrorEquals: ['States.ALL'], Next: 'Wrong' },
          ],
          End: true,
        },
        Wrong: { Type: 'Fail', Error: 'WrongCatcher' },
        Handled: { Type: 'Pass', End: true },
      },
      {},
      { taskHandlers: { [LAMBDA]: async () => { throw new TaskError('Boom', 'it broke'); } } },
    );
    expect(result.output).toEqual({ Error: 'Boom', Cause: 'it broke' });
    expect(types(result)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'TaskStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  test('evaluates the catcher Output with $states.errorOutput and $states.input', async () => {
    const result = await run(
      {
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          Catch: [{ ErrorEquals: ['States.ALL'], Output: { item: '{% $states.input.item %}', reason: '{% $states.errorOutput.Cause %}' }, Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
      { item: 7 },
      { taskHandlers: { [LAMBDA]: async () => { throw new Error('nope'); } } },
    );
    expect(result.output).toEqual({ item: 7, reason: 'nope' });
  });

  test("a catcher whose own Output fails ends the execution with that States.QueryEvaluationError", async () => {
    const result = await run(
      {
        T: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput.nope %}', Next: 'C' }], End: true },
        C: { Type: 'Pass', End: true },
      },
      {},
      { taskHandlers: { [LAMBDA]: async () => { throw new Error('x'); } } },
    );
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toContain("for the field 'Catch[0]/Output'");
    expect(types(result).slice(-2)).toEqual(['EvaluationFailed', 'ExecutionFailed']);
  });

  test('retries first, then catches when the retrier is exhausted', async () => {
    const { handler, attempts } = failing('E', 'E', 'E');
    const result = await run(
      {
        T: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['E'], MaxAttempts: 2 }], Catch: [{ ErrorEquals: ['E'], Next: 'C' }], End: true },
        C: { Type: 'Pass', End: true },
      },
      {},
      { taskHandlers: { [LAMBDA]: handler } },
    );
    expect(attempts()).toBe(3);
    expect(result.output).toEqual({ Error: 'E', Cause: 'attempt 3' });
  });

  test('catches States.QueryEvaluationError from Arguments', async () => {
    const result = await run(
      {
        T: { Type: 'Task', Resource: LAMBDA, Arguments: { x: '{% $states.input.nope %}' }, Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'C' }], End: true },
        C: { Type: 'Pass', End: true },
      },
      {},
      { taskHandlers: { [LAMBDA]: async () => 1 } },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as { Error: string }).Error).toBe('States.QueryEvaluationError');
    expect(types(result)).toContain('EvaluationFailed');
  });

  test('States.Runtime is neither retried nor caught, even by States.ALL', async () => {
    const result = await run(
      {
        T: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['States.ALL'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }], End: true },
        C: { Type: 'Pass', End: true },
      },
    );
    expect(result.error).toBe('States.Runtime');
    expect(eventsOf(result, 'TaskScheduled')).toHaveLength(1);
  });

  test('States.DataLimitExceeded escapes States.ALL but can be caught by its own name', async () => {
    const big = 'x'.repeat(300_000);
    const states = (errorEquals: string[]) => ({
      T: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: errorEquals, Next: 'C' }], End: true },
      C: { Type: 'Pass', Output: 'caught', End: true },
    });
    const options = { taskHandlers: { [LAMBDA]: async () => ({ big }) } };
    const uncaught = await run(states(['States.ALL']), {}, options);
    expect(uncaught.error).toBe('States.DataLimitExceeded');
    expect(uncaught.cause).toMatch(/The result of the task 'T' has a size of 300010 bytes, over the maximum of 262144 bytes/);
    const caught = await run(states(['States.DataLimitExceeded']), {}, options);
    expect(caught.output).toBe('caught');
  });
});
