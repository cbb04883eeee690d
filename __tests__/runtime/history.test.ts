import { HistoryEvent, runExecution } from '../../lib/runtime';
import { run, types } from './helpers/run';

const DESCRIBE = 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement';

/** Wait → Task → Choice poll loop that finishes on the `polls`-th describe call. */
function pollLoop(polls: number) {
  let calls = 0;
  const states = {
    Wait: { Type: 'Wait', Seconds: 15, Next: 'Poll' },
    Poll: { Type: 'Task', Resource: DESCRIBE, Arguments: { Id: 'q1' }, Output: '{% $states.result %}', Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Condition: "{% $states.input.Status = 'FINISHED' %}", Next: 'Done' }], Default: 'Wait' },
    Done: { Type: 'Succeed' },
  };
  const services = [{ service: 'redshiftdata', call: async () => ({ Status: ++calls >= polls ? 'FINISHED' : 'STARTED' }) }];
  return { states, services };
}

describe('Execution history', () => {
  test('records the exact AWS event sequence, chained ids and billed transitions of a poll loop', async () => {
    const { states, services } = pollLoop(2);
    const result = await run(states, {}, { services });
    const loop = ['WaitStateEntered', 'WaitStateExited', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ChoiceStateEntered', 'ChoiceStateExited'];
    expect(types(result)).toEqual(['ExecutionStarted', ...loop, ...loop, 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded']);
    expect(result.history.map((e) => e.id)).toEqual(result.history.map((_, i) => i + 1));
    expect(result.history.every((e) => e.previousEventId === e.id - 1)).toBe(true);
    // Two loops of three states plus Succeed: 7 billed transitions; 2 × 15 s of simulated time.
    expect(result.transitions).toBe(7);
    expect(result.durationMs).toBe(30_000);
    expect(result.history[0]!.details).toMatchObject({ input: '{}', roleArn: 'arn:aws:iam::123456789012:role/LocalStepFunctionsRole' });
    expect(result.history[1]!.details).toEqual({ name: 'Wait', input: '{}' });
    expect(result.history.at(-1)!.details).toEqual({ output: '{"Status":"FINISHED"}' });
  });

  test('calls onEvent once per event, in order', async () => {
    const seen: HistoryEvent[] = [];
    const { states, services } = pollLoop(1);
    const result = await run(states, {}, { services, onEvent: (e) => seen.push(e) });
    expect(seen).toEqual(result.history);
  });

  test('fails the execution as AWS does when the history reaches 25,000 events', async () => {
    const result = await run(
      { Spin: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.spin = false %}', Next: 'Done' }], Default: 'Spin' }, Done: { Type: 'Succeed' } },
      { spin: true },
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe('The execution reached the maximum number of history events (25000).');
    expect(result.history).toHaveLength(25_000);
    const last = result.history[24_999]!;
    expect(last).toMatchObject({ id: 25_000, previousEventId: 24_999, type: 'ExecutionFailed' });
    expect(result.history[24_998]).toMatchObject({ id: 24_999, type: 'ChoiceStateExited', details: { name: 'Spin', output: '{"spin":true}' } });
  });

  test('the limit is configurable and also stops a long poll loop', async () => {
    const { states, services } = pollLoop(1_000_000);
    const result = await run(states, {}, { services, maxHistoryEvents: 100 });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe('The execution reached the maximum number of history events (100).');
    expect(result.history).toHaveLength(100);
  });

  test('the limit stops every branch of a Parallel and leaves no event after the failure', async () => {
    const spin = (i: number) => ({
      StartAt: `S${i}`,
      States: {
        [`S${i}`]: { Type: 'Wait', Seconds: 1, Next: `C${i}` },
        [`C${i}`]: { Type: 'Choice', Choices: [{ Condition: '{% false %}', Next: `D${i}` }], Default: `S${i}` },
        [`D${i}`]: { Type: 'Succeed' },
      },
    });
    const result = await run({ P: { Type: 'Parallel', Branches: [spin(1), spin(2), spin(3)], End: true } }, {}, { maxHistoryEvents: 500 });
    expect(result.history).toHaveLength(500);
    expect(result.history.at(-1)!.type).toBe('ExecutionFailed');
  });

  test('an execution TimeoutSeconds ends the execution TIMED_OUT with States.Timeout', async () => {
    const timedOut = await runExecution({ QueryLanguage: 'JSONata', TimeoutSeconds: 60, StartAt: 'Wait', States: pollLoop(1_000).states }, {}, { services: pollLoop(1_000).services });
    expect(timedOut.status).toBe('TIMED_OUT');
    expect(timedOut.error).toBe('States.Timeout');
    expect(timedOut.durationMs).toBe(60_000);
    expect(timedOut.history.at(-1)!.type).toBe('ExecutionTimedOut');
  });
});
