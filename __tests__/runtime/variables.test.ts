import { DefinitionValidationError, TaskError } from '../../lib/runtime';
import { eventsOf, run } from './helpers/run';

describe('Variables (Assign)', () => {
  test('Assign and Output both see the values as of state entry, so a swap works', async () => {
    const result = await run({
      Init: { Type: 'Pass', Assign: { x: 1, y: 2 }, Next: 'Swap' },
      Swap: { Type: 'Pass', Assign: { x: '{% $y %}', y: '{% $x %}' }, Output: { x: '{% $x %}', y: '{% $y %}' }, Next: 'Show' },
      Show: { Type: 'Pass', Output: { x: '{% $x %}', y: '{% $y %}' }, End: true },
    });
    expect(eventsOf(result, 'PassStateExited')[1]!.details!.output).toBe('{"x":1,"y":2}');
    expect(result.output).toEqual({ x: 2, y: 1 });
  });

  // AWS reads a never-assigned variable as undefined, like JSONata: LocalStack's AWS recording
  // assign/test_assign_reference_variables.snapshot.json, test_undefined_reference[BASE_UNDEFINED_OUTPUT_FIELD].
  test('reading a variable that was never assigned yields nothing: "returned nothing (undefined)"', async () => {
    const result = await run({ State0: { Type: 'Pass', Output: { result: '{% $doesNotExist %}' }, End: true } });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'State0' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
    );
  });

  test('a never-assigned variable is simply undefined inside a larger expression', async () => {
    const result = await run({ P: { Type: 'Pass', Output: { set: '{% $exists($nope) %}', fallback: "{% $nope ? $nope : 'default' %}" }, End: true } });
    expect(result.output).toEqual({ set: false, fallback: 'default' });
  });

  test('names of Object.prototype members are not variables either', async () => {
    const result = await run({ P: { Type: 'Pass', Output: '{% $toString %}', End: true } });
    expect(result.cause).toContain("'$toString' specified for the field 'Output' returned nothing (undefined).");
  });

  test('variables bound inside an expression are not workflow variables', async () => {
    const result = await run({ P: { Type: 'Pass', Output: '{% ($double := function($v) { $v * 2 }; $double(21)) %}', End: true } });
    expect(result.output).toBe(42);
  });

  test("a matching Choice rule's Assign replaces the state-level Assign", async () => {
    const result = await run({
      C: {
        Type: 'Choice',
        Assign: { picked: 'state', other: 'state' },
        Choices: [{ Condition: '{% true %}', Assign: { picked: 'rule' }, Next: 'Show' }],
        Default: 'Show',
      },
      Show: { Type: 'Pass', Output: { picked: '{% $picked %}', otherSet: '{% $exists($other) %}' }, End: true },
    });
    expect(result.output).toEqual({ picked: 'rule', otherSet: false });
  });

  test("a catcher's Assign runs instead of the state's Assign", async () => {
    const result = await run(
      {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Assign: { fromState: true },
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { caughtError: '{% $states.errorOutput.Error %}' }, Next: 'Show' }],
          Next: 'Show',
        },
        Show: { Type: 'Pass', Output: { caught: '{% $caughtError %}', fromStateSet: '{% $exists($fromState) %}' }, End: true },
      },
      {},
      { taskHandlers: { 'arn:aws:states:::lambda:invoke': async () => { throw new Error('boom'); } } },
    );
    expect(result.output).toEqual({ caught: 'States.TaskFailed', fromStateSet: false });
  });

  test('a Map iteration reads outer variables; its own variables stay inside the iteration', async () => {
    const result = await run({
      Init: { Type: 'Pass', Assign: { factor: 10 }, Next: 'M' },
      M: {
        Type: 'Map',
        Items: [1, 2, 3],
        ItemProcessor: {
          StartAt: 'Scale',
          States: {
            Scale: { Type: 'Pass', Assign: { scaled: '{% $states.input * $factor %}' }, Next: 'Emit' },
            Emit: { Type: 'Pass', Output: '{% $scaled %}', End: true },
          },
        },
        Next: 'After',
      },
      After: { Type: 'Pass', Output: { results: '{% $states.input %}', leaked: '{% $scaled %}' }, End: true },
    });
    expect(result.status).toBe('FAILED');
    expect(result.cause).toContain("The JSONata expression '$scaled' specified for the field 'Output/leaked' returned nothing (undefined).");
    const mapExit = eventsOf(result, 'MapStateExited')[0]!;
    expect(mapExit.details!.output).toBe('[10,20,30]');
  });

  test.each([false, true])('refuses a definition where a Map iteration assigns an outer variable (skipValidation %p)', async (skipValidation) => {
    const promise = run(
      {
        Init: { Type: 'Pass', Assign: { total: 0 }, Next: 'M' },
        M: {
          Type: 'Map',
          Items: [1],
          ItemProcessor: { StartAt: 'Add', States: { Add: { Type: 'Pass', Assign: { total: 1 }, End: true } } },
          End: true,
        },
      },
      {},
      { skipValidation },
    );
    await expect(promise).rejects.toBeInstanceOf(DefinitionValidationError);
    // The static validator and the runtime's own compile step each refuse it, naming the variable.
    await expect(promise).rejects.toThrow(/variable '?total'?/i);
  });

  test('a catcher on a Map assigns into the scope containing the Map', async () => {
    const result = await run({
      M: {
        Type: 'Map',
        Items: [1],
        ItemProcessor: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops', Cause: 'inner' } } },
        Catch: [{ ErrorEquals: ['Oops'], Assign: { why: '{% $states.errorOutput.Cause %}' }, Next: 'Show' }],
        End: true,
      },
      Show: { Type: 'Pass', Output: '{% $why %}', End: true },
    });
    expect(result.output).toBe('inner');
  });

  test('a value over 256 KiB fails the state with States.DataLimitExceeded', async () => {
    const result = await run({ P: { Type: 'Pass', Assign: { big: "{% $pad('', 262145, 'x') %}" }, End: true } });
    expect(result.error).toBe('States.DataLimitExceeded');
    expect(result.cause).toMatch(/variable 'big'.*over the 262144-byte limit per variable/);
  });

  test('an Assign block over 256 KiB in total fails with States.DataLimitExceeded', async () => {
    const result = await run({ P: { Type: 'Pass', Assign: { a: "{% $pad('', 140000, 'x') %}", b: "{% $pad('', 140000, 'x') %}" }, End: true } });
    expect(result.error).toBe('States.DataLimitExceeded');
    expect(result.cause).toMatch(/limit per Assign/);
  });

  test('all variables together are limited to 10 MiB', async () => {
    const assign: Record<string, string> = {};
    for (let i = 0; i < 41; i++) assign[`v${i}`] = "{% $pad('', 260000, 'x') %}";
    const states: Record<string, Record<string, unknown>> = {};
    Object.keys(assign).forEach((name, i) => {
      states[`S${i}`] = { Type: 'Pass', Assign: { [name]: assign[name] }, ...(i === 40 ? { End: true } : { Next: `S${i + 1}` }) };
    });
    const result = await run(states);
    expect(result.error).toBe('States.DataLimitExceeded');
    expect(result.cause).toMatch(/State 'S40'|state 'S40'/);
  });
});

// LocalStack's AWS recording states_variables/test_error_output.snapshot.json (PARALLEL_CATCH_ERROR_VARIABLE_SAMPLING).
test("a branch and its Parallel's own catcher may assign the same variable; the catcher's value is the outer one", async () => {
  const result = await run(
    {
      ParallelState: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'ExecuteLambdaTask', States: { ExecuteLambdaTask: { Assign: { inputVar: 'inner' }, Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } }],
        Catch: [{ ErrorEquals: ['States.ALL'], Assign: { inputVar: '{% $states.input %}', errorVar: '{% $states.errorOutput.Error %}' }, Next: 'Fallback' }],
        End: true,
      },
      Fallback: { Type: 'Pass', Output: { error: '{% $errorVar %}', inputVar: '{% $inputVar %}' }, End: true },
    },
    { inputData: 'dummy' },
    { taskHandlers: { 'arn:aws:states:::lambda:invoke': async () => { throw new TaskError('Exception', 'Some exception was raised.'); } } },
  );
  expect(result.output).toEqual({ error: 'Exception', inputVar: { inputData: 'dummy' } });
});
