import { eventsOf, run, secondsAt, types } from './helpers/run';

describe('Wait state', () => {
  test('waits Seconds on the virtual clock', async () => {
    const result = await run({ W: { Type: 'Wait', Seconds: 3600, Next: 'W2' }, W2: { Type: 'Wait', Seconds: '{% $states.input.s %}', End: true } }, { s: 1800 });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.durationMs).toBe(5_400_000);
    expect(secondsAt(result, eventsOf(result, 'WaitStateExited')[0]!)).toBe(3600);
  });

  test('with timeScale, waits in scaled real time', async () => {
    const started = Date.now();
    const result = await run({ W: { Type: 'Wait', Seconds: 2, End: true } }, {}, { timeScale: 0.01 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(result.durationMs).toBeGreaterThanOrEqual(1_900);
  });

  test('waits until Timestamp (a past timestamp does not wait)', async () => {
    const future = await run({ W: { Type: 'Wait', Timestamp: '2026-01-01T02:00:00Z', End: true } });
    expect(future.durationMs).toBe(7_200_000);
    const past = await run({ W: { Type: 'Wait', Timestamp: '{% $states.input.t %}', End: true } }, { t: '2020-01-01T00:00:00Z' });
    expect(past.durationMs).toBe(0);
  });

  test.each([[-1], [1.5], ['10']])('fails with States.QueryEvaluationError when Seconds evaluates to %p', async (value) => {
    const result = await run({ W: { Type: 'Wait', Seconds: '{% $states.input.s %}', End: true } }, { s: value });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toContain("specified for the field 'Seconds' must evaluate to an integer between 0 and 99999999");
  });

  // AWS's cause: LocalStack's AWS recording scenarios/test_base_scenarios.snapshot.json, test_wait_timestamp_jsonata.
  test.each(['2016-13-05T21:29:29Z', '05-12-2016T21:29:29Z', '2016-12-05T25:29:29Z', '2016-12-05 21:29:29Z', '2016-12-05T21:29:29', '2016-02-30T00:00:00Z'])(
    'fails with States.QueryEvaluationError and AWS\'s cause when Timestamp is %s',
    async (timestamp) => {
      const result = await run({ W: { Type: 'Wait', Timestamp: '{% $states.input.t %}', End: true } }, { t: timestamp });
      expect(result.error).toBe('States.QueryEvaluationError');
      expect(result.cause).toBe(
        `An error occurred while executing the state 'W' (entered at the event id #2). The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${timestamp}`,
      );
    },
  );

  test('applies Output and Assign', async () => {
    const result = await run({
      W: { Type: 'Wait', Seconds: 1, Assign: { waited: '{% $states.input.n %}' }, Output: { n: '{% $states.input.n + 1 %}' }, Next: 'P' },
      P: { Type: 'Pass', Output: '{% [$waited, $states.input.n] %}', End: true },
    }, { n: 1 });
    expect(result.output).toEqual([1, 2]);
  });
});

describe('Choice state', () => {
  const states = {
    C: {
      Type: 'Choice',
      Choices: [
        { Condition: '{% $states.input.n > 10 %}', Next: 'Big', Output: { size: 'big' } },
        { Condition: '{% $states.input.n > 5 %}', Next: 'Medium' },
      ],
      Default: 'Small',
    },
    Big: { Type: 'Succeed' },
    Medium: { Type: 'Pass', Output: { size: 'medium' }, End: true },
    Small: { Type: 'Pass', Output: { size: 'small' }, End: true },
  };

  test.each([
    [20, { size: 'big' }],
    [7, { size: 'medium' }],
    [1, { size: 'small' }],
  ])('routes n=%p by the first true Condition, else Default', async (n, expected) => {
    const result = await run(states, { n });
    expect(result.output).toEqual(expected);
  });

  test('fails with States.NoChoiceMatched when nothing matches and there is no Default', async () => {
    const result = await run({ C: { Type: 'Choice', Choices: [{ Condition: '{% false %}', Next: 'X' }] }, X: { Type: 'Succeed' } });
    expect(result.error).toBe('States.NoChoiceMatched');
    expect(result.cause).toContain("state 'C'");
    expect(types(result)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ExecutionFailed']);
  });

  test('fails with States.QueryEvaluationError when a Condition is not a boolean', async () => {
    const result = await run({ C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n %}', Next: 'X' }] }, X: { Type: 'Succeed' } }, { n: 1 });
    expect(result.error).toBe('States.QueryEvaluationError');
    // AWS's type-error wording (recorded for Map Items; assumed the same for Condition).
    expect(result.cause).toContain("specified for the field 'Choices[0]/Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 1");
  });
});

describe('Payload limit', () => {
  test('a state output over 256 KiB fails with States.DataLimitExceeded naming the state', async () => {
    const result = await run({ Big: { Type: 'Pass', Output: "{% $pad('', 262145, 'x') %}", End: true } });
    expect(result.error).toBe('States.DataLimitExceeded');
    expect(result.cause).toBe("The output of the state 'Big' has a size of 262147 bytes, over the maximum of 262144 bytes (256 KiB).");
  });

  test('counts UTF-8 bytes, not characters', async () => {
    // 90,000 × 'é' is 180,000 bytes in UTF-8: under the limit; 140,000 × 'é' is 280,000 bytes: over it.
    const under = await run({ P: { Type: 'Pass', Output: "{% $pad('', 90000, 'é') %}", End: true } });
    expect(under.status).toBe('SUCCEEDED');
    const over = await run({ P: { Type: 'Pass', Output: "{% $pad('', 140000, 'é') %}", End: true } });
    expect(over.error).toBe('States.DataLimitExceeded');
  });
});

describe('Succeed and Fail states', () => {
  test('Succeed ends the execution with its Output', async () => {
    const result = await run({ S: { Type: 'Succeed', Output: { done: '{% $states.input.x %}' } } }, { x: true });
    expect(result.output).toEqual({ done: true });
    expect(types(result)).toEqual(['ExecutionStarted', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded']);
  });

  test('Fail ends the execution with its Error and Cause', async () => {
    const result = await run({ F: { Type: 'Fail', Error: 'RedshiftQuery.QueryFailed', Cause: 'query 2 failed' } });
    expect([result.status, result.error, result.cause]).toEqual(['FAILED', 'RedshiftQuery.QueryFailed', 'query 2 failed']);
    expect(types(result)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
    expect(result.history[2]!.details).toEqual({ error: 'RedshiftQuery.QueryFailed', cause: 'query 2 failed' });
  });

  test('Fail evaluates Error and Cause expressions', async () => {
    const result = await run({ F: { Type: 'Fail', Error: "{% 'Query.' & $states.input.code %}", Cause: '{% $string($states.input.index) %}' } }, { code: 'Timeout', index: 3 });
    expect([result.error, result.cause]).toEqual(['Query.Timeout', '3']);
  });

  test('Fail without Error and Cause fails the execution without them', async () => {
    const result = await run({ F: { Type: 'Fail' } });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBeUndefined();
    expect(result.cause).toBeUndefined();
  });
});
