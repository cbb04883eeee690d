import { run, types, eventsOf } from './helpers/run';

describe('Pass state and Output', () => {
  test('passes its input through when it has no Output', async () => {
    const result = await run({ P: { Type: 'Pass', End: true } }, { a: 1 });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ a: 1 });
  });

  test('evaluates expressions nested anywhere inside Output', async () => {
    const result = await run(
      { P: { Type: 'Pass', Output: { sum: '{% $states.input.a + 1 %}', list: ['x', '{% $states.input.a * 10 %}', { deep: '{% $uppercase($states.input.s) %}' }], fixed: true }, End: true } },
      { a: 2, s: 'hi' },
    );
    expect(result.output).toEqual({ sum: 3, list: ['x', 20, { deep: 'HI' }], fixed: true });
  });

  test('a whole-field expression may build any JSON value', async () => {
    const result = await run({ P: { Type: 'Pass', Output: '{% [1, 2, 3] ~> $map(function($v) { $v * 2 }) %}', End: true } });
    expect(result.output).toEqual([2, 4, 6]);
  });

  test('the JSONata root ($$, refused by static validation as on AWS) is the state input when validation is skipped', async () => {
    const result = await run({ P: { Type: 'Pass', Output: { a: '{% $$.a %}' }, End: true } }, { a: 5 }, { skipValidation: true });
    expect(result.output).toEqual({ a: 5 });
  });

  test('exposes the context object with AWS field names', async () => {
    const result = await run(
      {
        P: {
          Type: 'Pass',
          Output: {
            execution: '{% $states.context.Execution %}',
            state: '{% $states.context.State %}',
            machine: '{% $states.context.StateMachine %}',
          },
          End: true,
        },
      },
      { in: 1 },
      { stateMachineName: 'Sm', roleArn: 'arn:aws:iam::111122223333:role/R', redriveCount: 2 },
    );
    const output = result.output as Record<string, Record<string, unknown>>;
    expect(output.execution).toEqual({
      Id: 'arn:aws:states:us-east-1:111122223333:execution:Sm:test-execution',
      Input: { in: 1 },
      Name: 'test-execution',
      RoleArn: 'arn:aws:iam::111122223333:role/R',
      StartTime: '2026-01-01T00:00:00.000Z',
      RedriveCount: 2,
    });
    // A Pass state's context has no RetryCount on AWS (LocalStack's AWS recording outputdecl/test_output.snapshot.json, BASE_EXPR).
    expect(output.state).toEqual({ EnteredTime: '2026-01-01T00:00:00.000Z', Name: 'P' });
    expect(output.machine).toEqual({ Id: 'arn:aws:states:us-east-1:111122223333:stateMachine:Sm', Name: 'Sm' });
    expect(result.executionArn).toBe(output.execution.Id);
  });

  test('fails with States.QueryEvaluationError naming the state and nested field when an expression yields nothing', async () => {
    const result = await run({ E: { Type: 'Pass', Output: { a: { b: '{% $states.input.missing %}' } }, End: true } });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'E' (entered at the event id #2). The JSONata expression '$states.input.missing' specified for the field 'Output/a/b' returned nothing (undefined).",
    );
    expect(types(result)).toEqual(['ExecutionStarted', 'PassStateEntered', 'EvaluationFailed', 'ExecutionFailed']);
    expect(eventsOf(result, 'EvaluationFailed')[0]!.details).toMatchObject({ state: 'E', location: 'Output/a/b' });
  });

  test('reports a JSONata runtime error with its code in the cause', async () => {
    const result = await run({ E: { Type: 'Pass', Output: "{% $abs('x') %}", End: true } });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toMatch(/specified for the field 'Output' threw an error during evaluation\. T0410: /);
  });

  // AWS's cause: LocalStack's AWS recording intrinsic_functions/test_math_operations_jsonata.snapshot.json
  // (test_math_random_seeded): calling an unknown function is T1006, not an unassigned-variable error.
  test('calling a function that does not exist fails with T1006 "Attempted to invoke a non-function"', async () => {
    const result = await run({ State_0: { Type: 'Pass', Output: { FunctionResult: '{% $randomSeeded($states.input.FunctionInput.fst) %}' }, End: true } }, { FunctionInput: 'fst' });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'State_0' (entered at the event id #2). The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    );
  });

  test('$eval is not available (T1006), as AWS removes it', async () => {
    const result = await run({ E: { Type: 'Pass', Output: "{% $eval('1 + 1') %}", End: true } });
    expect(result.cause).toMatch(/threw an error during evaluation\. T1006: Attempted to invoke a non-function$/);
  });

  test('names array positions in the field path', async () => {
    const result = await run({ E: { Type: 'Pass', Output: { list: [1, '{% $states.input.nope %}'] }, End: true } });
    expect(result.cause).toContain("for the field 'Output/list[1]'");
  });

  test('JSONata array operators work on constant data coming from a previous state', async () => {
    const result = await run({
      A: { Type: 'Pass', Output: { list: [3, 1, 2], single: [{ x: 1 }] }, Next: 'B' },
      B: { Type: 'Pass', Output: { list: '{% $states.input.list[] %}', single: '{% $states.input.single[] %}' }, End: true },
    });
    expect(result.output).toEqual({ list: [3, 1, 2], single: [{ x: 1 }] });
  });

  test('never mutates the execution input', async () => {
    const input = Object.freeze({ a: Object.freeze({ b: 1 }) });
    const result = await run({ P: { Type: 'Pass', Output: '{% $merge([$states.input, {"c": 2}]) %}', End: true } }, input);
    expect(result.output).toEqual({ a: { b: 1 }, c: 2 });
  });
});
