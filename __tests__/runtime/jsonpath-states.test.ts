/**
 * JSONPath states and machines. Expected values come from AWS's documentation and from LocalStack's recordings
 * against real AWS (github.com/localstack/localstack, tests/aws/services/stepfunctions/v2/**\/*.snapshot.json), cited
 * per test as `<folder>/<file>.snapshot.json: <test>`.
 */
import { runExecution, TaskError } from '../../lib/runtime';
import { eventsOf } from './helpers/run';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
type States = Record<string, Record<string, unknown>>;

/** A machine with no QueryLanguage: JSONPath, AWS's default. */
function runPath(states: States, input: unknown = {}, handler?: (args: any) => unknown) {
  const definition = { StartAt: Object.keys(states)[0]!, States: states };
  return runExecution(definition, input, {
    executionName: 'exec-1',
    ...(handler ? { taskHandlers: { [LAMBDA]: async (args: unknown) => handler(args) } } : {}),
  });
}

const prefix = (state: string, id = 2) => `An error occurred while executing the state '${state}' (entered at the event id #${id}).`;

describe('JSONPath data flow', () => {
  test('InputPath → Parameters → task → ResultSelector → ResultPath → OutputPath, in that order', async () => {
    const seen: unknown[] = [];
    const result = await runPath(
      {
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          InputPath: '$.job',
          Parameters: { 'Sql.$': '$.sql', Database: 'dev', 'Name.$': '$$.Execution.Name', 'Static.$': "States.Format('q-{}', $.id)" },
          ResultSelector: { 'Id.$': '$.Id', Fixed: 1 },
          ResultPath: '$.job.submitted',
          OutputPath: '$.job',
          End: true,
        },
      },
      { job: { sql: 'select 1', id: 7 }, other: true },
      (args) => {
        seen.push(args);
        return { Id: 'abc', Extra: 'dropped' };
      },
    );
    expect(seen).toEqual([{ Sql: 'select 1', Database: 'dev', Name: 'exec-1', Static: 'q-7' }]);
    expect(result.output).toEqual({ sql: 'select 1', id: 7, submitted: { Id: 'abc', Fixed: 1 } });
    expect(eventsOf(result, 'TaskScheduled')[0]!.details!.parameters).toBe('{"Sql":"select 1","Database":"dev","Name":"exec-1","Static":"q-7"}');
  });

  test('null paths: InputPath null gives {}, ResultPath null keeps the input, OutputPath null gives {}', async () => {
    const result = await runPath(
      {
        A: { Type: 'Pass', InputPath: null, ResultPath: '$.fromEmpty', Next: 'B' },
        B: { Type: 'Pass', Result: 'ignored', ResultPath: null, Next: 'C' },
        C: { Type: 'Pass', Result: 1, ResultPath: '$.c', OutputPath: '$', Next: 'D' },
        D: { Type: 'Pass', OutputPath: null, End: true },
      },
      { a: 1 },
    );
    expect(eventsOf(result, 'PassStateExited').map((e) => e.details!.output)).toEqual(['{"a":1,"fromEmpty":{}}', '{"a":1,"fromEmpty":{}}', '{"a":1,"fromEmpty":{},"c":1}', '{}']);
  });

  test('ResultPath creates missing objects; a step on a non-object fails with States.ResultPathMatchFailure', async () => {
    const ok = await runPath({ P: { Type: 'Pass', Result: 42, ResultPath: '$.a.b.c', End: true } }, { keep: 1 });
    expect(ok.output).toEqual({ keep: 1, a: { b: { c: 42 } } });
    const bad = await runPath({ P: { Type: 'Pass', Result: 42, ResultPath: '$.a.b', End: true } }, { a: 'text' });
    expect(bad.error).toBe('States.ResultPathMatchFailure');
  });

  // scenarios/test_base_scenarios.snapshot.json: test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_INPUTPATH / _OUTPUTPATH]
  test.each([
    ['InputPath', '$.NoSuchInputPath', "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"],
    ['OutputPath', '$.NoSuchOutputPath', "Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']"],
  ])('a %s that matches nothing fails with States.Runtime and AWS\'s cause', async (field, path, cause) => {
    const result = await runPath({ pass: { Type: 'Pass', [field]: path, End: true } }, { a: 1 });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(`${prefix('pass')} ${cause}`);
  });

  // scenarios/test_base_scenarios.snapshot.json: test_catch_states_runtime (the Catch on States.Runtime does not apply).
  test('a missing step before the last is "Missing property in path", and States.Runtime is not caught', async () => {
    const result = await runPath(
      {
        RaiseRuntime: { Type: 'Task', Resource: LAMBDA, OutputPath: '$.no.such.result.path', Catch: [{ ErrorEquals: ['States.Runtime'], Next: 'CaughtRuntime' }], Next: 'Final' },
        CaughtRuntime: { Type: 'Pass', End: true },
        Final: { Type: 'Pass', End: true },
      },
      {},
      () => ({}),
    );
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(`${prefix('RaiseRuntime')} Invalid path '$.no.such.result.path' : Missing property in path $['no']`);
  });

  // scenarios/test_base_scenarios.snapshot.json: test_invalid_jsonpath[INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH / _CONTEXTPATH]
  test.each([
    ['$.no_such_jsonpath', '{"a":1}'],
    ['$$.Execution.Input.no_such_jsonpath', null],
  ])('a .$ key whose path %s matches nothing fails with States.Runtime naming the key', async (path, input) => {
    const result = await runPath({ pass: { Type: 'Pass', Parameters: { 'value.$': path }, End: true } }, { a: 1 });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toMatch(new RegExp(`^${escape(prefix('pass'))} The JSONPath '${escape(path)}' specified for the field 'value\\.\\$' could not be found in the input '`));
    if (input) expect(result.cause!.endsWith(`'${input}'`)).toBe(true);
  });

  test('filters, wildcards and slices in Parameters (jsonpath-plus)', async () => {
    const result = await runPath(
      { P: { Type: 'Pass', Parameters: { 'big.$': '$.items[?(@.n > 1)].n', 'all.$': '$.items[*].n', 'first.$': '$.items[0].n', 'none.$': '$.items[?(@.n > 9)]' }, End: true } },
      { items: [{ n: 1 }, { n: 2 }, { n: 3 }] },
    );
    expect(result.output).toEqual({ big: [2, 3], all: [1, 2, 3], first: 1, none: [] });
  });

  test('keys without .$ are literal, nested objects and arrays included', async () => {
    const result = await runPath({ P: { Type: 'Pass', Parameters: { literal: '$.a', nested: { 'x.$': '$.a', list: ['$.a', { 'y.$': '$.a' }] } }, End: true } }, { a: 5 });
    expect(result.output).toEqual({ literal: '$.a', nested: { x: 5, list: ['$.a', { y: 5 }] } });
  });
});

describe('JSONPath intrinsic functions', () => {
  async function fn(expression: string, input: unknown = {}) {
    const result = await runPath({ State0: { Type: 'Pass', Parameters: { 'FunctionResult.$': expression }, End: true } }, input);
    return result;
  }
  const value = async (expression: string, input: unknown = {}) => {
    const result = await fn(expression, input);
    if (result.status !== 'SUCCEEDED') throw new Error(`${expression}: ${result.error} ${result.cause}`);
    return (result.output as { FunctionResult: unknown }).FunctionResult;
  };

  // Recorded outputs: intrinsic_functions/test_*.snapshot.json (file named per row).
  test.each<[string, unknown, unknown]>([
    ["States.Format('Formatting argument {}.', $.v)", { v: null }, 'Formatting argument null.'], // test_generic: test_format_1
    ["States.Format('Formatting arguments fst={} and snd={}.', $.a, $.b)", { a: 'x', b: { Id: 'i', Name: 'n' } }, 'Formatting arguments fst=x and snd={Id=i, Name=n}.'], // test_generic: test_context_json_path
    ["States.StringSplit('Hello\nWorld', '\n')", {}, ['Hello', 'World']], // test_generic: test_escape_sequence
    ['States.StringSplit($.s, $.d)', { s: ', , ,', d: ',' }, [' ', ' ']], // test_string_operations: test_string_split
    ['States.StringSplit($.s, $.d)', { s: ',,,,', d: ',' }, []],
    ['States.StringSplit($.s, $.d)', { s: 'This.is+a,test=string', d: '.+,=' }, ['This', 'is', 'a', 'test', 'string']], // AWS docs example
    ['States.ArrayRange($.a, $.b, $.c)', { a: 1, b: 9, c: 9 }, [1]], // test_array: test_array_range
    ['States.ArrayRange($.a, $.b, $.c)', { a: 0, b: 10, c: 3 }, [0, 3, 6, 9]],
    ['States.MathAdd($.a, $.b)', { a: 1.49, b: 1.5 }, 3], // test_math_operations: test_math_add
    ['States.MathAdd($.a, $.b)', { a: -1.49, b: -1.5 }, -2],
    ['States.MathAdd($.a, $.b)', { a: -9, b: 3 }, -6],
    ['States.StringToJson($.s)', { s: '' }, null], // test_json_manipulation: test_string_to_json
    ['States.StringToJson($.s)', { s: '{"Arg1": 1, "Arg2": []}' }, { Arg1: 1, Arg2: [] }],
    ['States.JsonToString($.v)', { v: { a: [1, 'x'] } }, '{"a":[1,"x"]}'],
    ['States.JsonMerge($.a, $.b, false)', { a: { a: { a1: 1, a2: 2 }, b: 2, d: 3 }, b: { a: { a3: 1, a4: 2 }, c: 3, d: 4 } }, { a: { a3: 1, a4: 2 }, b: 2, c: 3, d: 4 }], // test_json_merge
    ["States.Hash('input data', 'MD5')", {}, '812f45842bc6d66ee14572ce20db8e86'], // test_hash_calculations: test_hash
    ["States.Hash('input data', 'SHA-1')", {}, 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
    ["States.Hash('input data', 'SHA-256')", {}, 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'],
    ["States.Base64Encode('Data to encode')", {}, 'RGF0YSB0byBlbmNvZGU='], // test_encode_decode
    ["States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", {}, 'Data to encode'],
    ['States.ArrayPartition($.a, 2)', { a: [0, 1, 2, 3] }, [[0, 1], [2, 3]]], // test_array: test_array_partition
    ['States.ArrayPartition($.a, 3)', { a: [] }, []],
    ['States.ArrayContains($.a, $.v)', { a: [[1, 2, 3], 2], v: [1, 2, 3] }, true],
    ['States.ArrayContains($.a, $.v)', { a: [], v: null }, false], // test_array: test_array_contains
    ['States.ArrayGetItem($.a, 5)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 6], // test_array_get_item
    ['States.ArrayLength($.a)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 9],
    ['States.ArrayUnique($.a)', { a: [1, 1, 'x', 'x', { a: 1 }, { a: 1 }, [null], [null], null, null] }, [1, 'x', { a: 1 }, [null], null]],
    ['States.Array($.a, $.b, 3)', { a: 'HelloWorld', b: null }, ['HelloWorld', null, 3]], // test_array: test_array_2
    ['States.Array()', {}, []], // test_array: test_array_0
    ["States.Format('{}-\\{literal\\}-\\'q\\'', States.ArrayGetItem(States.StringSplit($$.Execution.Name, '-'), 0))", {}, "exec-{literal}-'q'"],
  ])('%s on %j is %j', async (expression, input, expected) => {
    expect(await value(expression, input)).toEqual(expected);
  });

  test('States.UUID is a v4 UUID; States.MathRandom stays in range and repeats with a seed', async () => {
    expect(await value('States.UUID()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let i = 0; i < 20; i++) {
      const n = (await value('States.MathRandom(1, 3)')) as number;
      expect([1, 2, 3]).toContain(n);
    }
    expect(await value('States.MathRandom(0, 999, 3)')).toBe(await value('States.MathRandom(0, 999, 3)'));
  });

  test('a failing intrinsic function is States.IntrinsicFailure, catchable with States.ALL', async () => {
    const result = await fn('States.ArrayGetItem($.a, 5)', { a: [1] });
    expect(result.error).toBe('States.IntrinsicFailure');
    expect(result.cause).toContain('States.ArrayGetItem');
    const caught = await runPath(
      {
        T: { Type: 'Task', Resource: LAMBDA, Parameters: { 'x.$': "States.StringToJson('{')" }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }], End: true },
        C: { Type: 'Succeed' },
      },
      {},
      () => 'never called',
    );
    expect(caught.status).toBe('SUCCEEDED');
    expect(caught.output).toMatchObject({ Error: 'States.IntrinsicFailure' });
  });

  test('a malformed intrinsic function is refused before running', async () => {
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'x.$': 'States.Nope(1)' }, End: true } } };
    await expect(runExecution(definition, {})).rejects.toThrow(/Parameters\.x\.\$/);
    await expect(runExecution(definition, {}, { skipValidation: true })).rejects.toThrow(/'States\.Nope' is not an intrinsic function/);
  });
});

describe('JSONPath Choice rules', () => {
  const choose = (rule: Record<string, unknown>, input: unknown) =>
    runPath({ C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No' }, Yes: { Type: 'Pass', Result: 'yes', End: true }, No: { Type: 'Pass', Result: 'no', End: true } }, input);

  test.each<[Record<string, unknown>, unknown, string]>([
    [{ Variable: '$.s', StringEquals: 'FINISHED' }, { s: 'FINISHED' }, 'yes'],
    [{ Variable: '$.s', StringEquals: '1' }, { s: 1 }, 'no'],
    [{ Variable: '$.s', StringMatches: 'log-*.txt' }, { s: 'log-2026.txt' }, 'yes'],
    [{ Variable: '$.s', StringMatches: 'a\\*' }, { s: 'ab' }, 'no'],
    [{ Variable: '$.s', StringLessThan: 'b' }, { s: 'a' }, 'yes'],
    [{ Variable: '$.n', NumericGreaterThanEquals: 3 }, { n: 3 }, 'yes'],
    [{ Variable: '$.n', NumericLessThanPath: '$.max' }, { n: 3, max: 2 }, 'no'],
    [{ Variable: '$.b', BooleanEquals: true }, { b: true }, 'yes'],
    [{ Variable: '$.t', TimestampGreaterThan: '2026-01-01T00:00:00Z' }, { t: '2026-01-01T00:00:01+00:00' }, 'yes'],
    [{ Variable: '$.t', TimestampEquals: '2026-01-01T00:00:00Z' }, { t: 'not a time' }, 'no'],
    [{ Variable: '$.x', IsPresent: false }, {}, 'yes'],
    [{ Variable: '$.x', IsNull: true }, { x: null }, 'yes'],
    [{ Variable: '$.x', IsNumeric: true }, { x: '1' }, 'no'],
    [{ Variable: '$.x', IsTimestamp: true }, { x: '2026-01-01T00:00:00Z' }, 'yes'],
    [{ And: [{ Variable: '$.n', NumericGreaterThan: 1 }, { Not: { Variable: '$.s', StringEquals: 'x' } }] }, { n: 2, s: 'y' }, 'yes'],
    [{ Or: [{ Variable: '$.n', NumericEquals: 1 }, { Variable: '$$.Execution.Name', StringEquals: 'exec-1' }] }, { n: 2 }, 'yes'],
  ])('%j on %j → %s', async (rule, input, expected) => {
    expect((await choose(rule, input)).output).toBe(expected);
  });

  test('a Variable that matches nothing fails with States.Runtime (IsPresent aside)', async () => {
    const result = await choose({ Variable: '$.missing', StringEquals: 'x' }, {});
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(`${prefix('C')} Invalid path '$.missing': The choice state's condition path references an invalid value.`);
  });

  test('no rule matching and no Default fails with States.NoChoiceMatched', async () => {
    const result = await runPath({ C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'Y' }] }, Y: { Type: 'Succeed' } }, { n: 2 });
    expect(result.error).toBe('States.NoChoiceMatched');
  });

  test('InputPath and OutputPath apply to a Choice state', async () => {
    const result = await runPath({ C: { Type: 'Choice', InputPath: '$.in', OutputPath: '$.v', Choices: [{ Variable: '$.v', IsPresent: true, Next: 'Y' }] }, Y: { Type: 'Succeed' } }, { in: { v: 'kept' } });
    expect(result.output).toBe('kept');
  });
});

describe('JSONPath Wait, Map, Fail, Catch and variables', () => {
  // base/test_wait.snapshot.json: test_base_wait_seconds_path; logs/test_logs.snapshot.json: wait_seconds_path.
  test.each<[unknown, string]>([
    [-1, 'The SecondsPath parameter references a negative value: $.input.waitSeconds == -1'],
    [1.5, 'The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5'],
    [undefined, 'The SecondsPath parameter does not reference an input value: $.input.waitSeconds'],
  ])('SecondsPath to %p fails with States.Runtime and AWS\'s cause', async (seconds, cause) => {
    const result = await runPath({ WaitState: { Type: 'Wait', SecondsPath: '$.input.waitSeconds', End: true } }, { input: seconds === undefined ? {} : { waitSeconds: seconds } });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(`${prefix('WaitState')} ${cause}`);
  });

  // scenarios/test_base_scenarios.snapshot.json: test_wait_timestamp_path[INVALID_DATE, NO_Z].
  test.each(['2016-13-05T21:29:29Z', '2016-12-05T21:29:29'])('TimestampPath to %s fails with AWS\'s cause', async (timestamp) => {
    const result = await runPath({ WaitUntil: { Type: 'Wait', TimestampPath: '$.TimestampValue', End: true } }, { TimestampValue: timestamp });
    expect(result.cause).toBe(`${prefix('WaitUntil')} The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == ${timestamp}`);
  });

  test('SecondsPath and TimestampPath wait on the virtual clock', async () => {
    const result = await runPath({ A: { Type: 'Wait', SecondsPath: '$.s', Next: 'B' }, B: { Type: 'Wait', TimestampPath: '$.t', End: true } }, { s: 30, t: '2000-01-01T00:00:00Z' });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.durationMs).toBe(30_000);
  });

  test('Map: ItemsPath, ItemSelector with $$.Map.Item, MaxConcurrencyPath, ResultSelector-free ResultPath', async () => {
    const result = await runPath(
      {
        M: {
          Type: 'Map',
          ItemsPath: '$.list',
          MaxConcurrencyPath: '$.limit',
          ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'tag.$': '$.tag' },
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Parameters: { 'out.$': "States.Format('{}:{}', $.tag, $.value)" }, OutputPath: '$.out', End: true } } },
          ResultPath: '$.results',
          End: true,
        },
      },
      { list: ['a', 'b'], tag: 't', limit: 1 },
    );
    expect(result.output).toEqual({ list: ['a', 'b'], tag: 't', limit: 1, results: ['t:a', 't:b'] });
  });

  test('Map: legacy Iterator and Parameters', async () => {
    const result = await runPath({ M: { Type: 'Map', Parameters: { 'v.$': '$$.Map.Item.Value' }, Iterator: { StartAt: 'I', States: { I: { Type: 'Pass', OutputPath: '$.v', End: true } } }, End: true } }, [1, 2]);
    expect(result.output).toEqual([1, 2]);
  });

  // scenarios/test_base_scenarios.snapshot.json: test_max_concurrency_path[NoNumber].
  test('MaxConcurrencyPath to a non-integer fails with AWS\'s cause', async () => {
    const result = await runPath(
      { MapState: { Type: 'Map', MaxConcurrencyPath: '$.MaxConcurrencyValue', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } },
      [1],
    );
    expect(result.error).toBe('States.Runtime');
    const withValue = await runExecution(
      { StartAt: 'MapState', States: { MapState: { Type: 'Map', ItemsPath: '$.items', MaxConcurrencyPath: '$.MaxConcurrencyValue', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } } },
      { items: [1], MaxConcurrencyValue: 'NoNumber' },
    );
    expect(withValue.cause).toBe(`${prefix('MapState')} The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.MaxConcurrencyValue`);
  });

  // scenarios/test_base_scenarios.snapshot.json: test_invalid_jsonpath[INVALID_JSONPATH_IN_ERRORPATH]; base/test_base.snapshot.json: test_state_fail_intrinsic.
  test('Fail: ErrorPath and CausePath (paths or intrinsic functions); a missing ErrorPath is States.Runtime', async () => {
    const failed = await runPath({ fail: { Type: 'Fail', ErrorPath: '$.error', CausePath: "States.Format('This is a custom error message for {}, caused by {}.', $.error, $.cause)" } }, { error: 'error string', cause: 'cause string' });
    expect(failed).toMatchObject({ error: 'error string', cause: 'This is a custom error message for error string, caused by cause string.' });
    const missing = await runPath({ fail: { Type: 'Fail', ErrorPath: '$.ErrorX' } }, { a: 1 });
    expect(missing.error).toBe('States.Runtime');
    expect(missing.cause).toBe(`${prefix('fail')} The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{"a":1}'`);
  });

  test('Catch: ResultPath puts the error output into the state input; Retry works as in JSONata', async () => {
    let calls = 0;
    const result = await runPath(
      {
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          Retry: [{ ErrorEquals: ['Custom.Retry'], MaxAttempts: 1, IntervalSeconds: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Assign: { 'caught.$': '$.Error' }, Next: 'After' }],
          End: true,
        },
        After: { Type: 'Pass', Parameters: { 'input.$': '$', 'caught.$': '$caught' }, End: true },
      },
      { keep: true },
      () => {
        calls++;
        throw new TaskError(calls === 1 ? 'Custom.Retry' : 'Custom.Final', 'why');
      },
    );
    expect(calls).toBe(2);
    expect(result.output).toEqual({ input: { keep: true, error: { Error: 'Custom.Final', Cause: 'why' } }, caught: 'Custom.Final' });
  });

  // query_language/test_mixed_query_language.snapshot.json (JSONPATH_ASSIGN_JSONATA_REF, JSONATA_ASSIGN_JSONPATH_REF,
  // JSONPATH_OUTPUT_TO_JSONATA, JSONATA_OUTPUT_TO_JSONPATH); querylanguage/statemachines/jsonpath_to_jsonata_dataflow.json5.
  test('JSONPath and JSONata states share variables and data in one machine', async () => {
    const result = await runExecution(
      {
        StartAt: 'StateJsonPath',
        States: {
          StateJsonPath: {
            Type: 'Pass',
            Result: { riddle: 'What is the answer to life, the universe, and everything?' },
            Assign: { answer: 42, 'inputData.$': '$' },
            OutputPath: '$',
            ResultPath: '$.enigma.mystery',
            Next: 'StateJsonata',
          },
          StateJsonata: {
            QueryLanguage: 'JSONata',
            Type: 'Task',
            Resource: LAMBDA,
            Arguments: { Payload: { theQuestion: '{% $states.input.enigma.mystery.riddle %}', theAnswer: '{% $answer %}' } },
            Output: { result: '{% $states.result.Payload %}' },
            Next: 'Back',
          },
          Back: { Type: 'Pass', Parameters: { 'answer.$': '$answer', 'riddle.$': '$inputData.riddle', 'result.$': '$.result' }, End: true },
        },
      },
      { input_data: 'test' },
      { taskHandlers: { [LAMBDA]: async (args) => args } },
    );
    expect(result.output).toEqual({
      answer: 42,
      riddle: 'What is the answer to life, the universe, and everything?',
      result: { theQuestion: 'What is the answer to life, the universe, and everything?', theAnswer: 42 },
    });
  });

  test('Task Credentials with RoleArn.$ and TimeoutSecondsPath', async () => {
    const seen: unknown[] = [];
    const result = await runExecution(
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, Credentials: { 'RoleArn.$': '$.role' }, TimeoutSecondsPath: '$.timeout', End: true } } },
      { role: 'arn:aws:iam::123456789012:role/Other', timeout: 5 },
      { taskHandlers: { [LAMBDA]: async (_args, invocation) => { seen.push(invocation.credentials); return new Promise(() => undefined); } } },
    );
    expect(seen).toEqual([{ RoleArn: 'arn:aws:iam::123456789012:role/Other' }]);
    expect(result.error).toBe('States.Timeout');
    expect(eventsOf(result, 'TaskScheduled')[0]!.details!.timeoutInSeconds).toBe(5);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// context_object/test_context_object.snapshot.json: test_input_path[$$] (a Pass state: no RetryCount; key order).
test('InputPath $$ is the context object, keyed in AWS\'s order', async () => {
  const result = await runExecution({ StartAt: 'TestState', States: { TestState: { Type: 'Pass', InputPath: '$$', End: true } } }, { 'input-value': 0 }, { executionName: 'e' });
  const output = result.output as Record<string, Record<string, unknown>>;
  expect(Object.keys(output)).toEqual(['Execution', 'StateMachine', 'State']);
  expect(Object.keys(output.State!)).toEqual(['Name', 'EnteredTime']);
  expect(output.Execution!.Input).toEqual({ 'input-value': 0 });
});

test('hostile keys and values survive paths, payload templates and States.Format unchanged', async () => {
  const hostile = `quote' "dq" \\back\\slash \${x} {} ünïcødé 😀`;
  const result = await runExecution(
    {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Pass',
          Parameters: {
            'spaced.$': "$['a key with spaces']",
            'unicode.$': '$.ünï',
            'formatted.$': 'States.Format(\'<{}>\', $.v)',
            'escaped.$': "States.Format('it\\'s \\{literal\\} {}', $.v)",
            [`${hostile}`]: hostile,
          },
          End: true,
        },
      },
    },
    { 'a key with spaces': hostile, 'ünï': hostile, v: hostile },
  );
  expect(result.output).toEqual({ spaced: hostile, unicode: hostile, formatted: `<${hostile}>`, escaped: `it's {literal} ${hostile}`, [hostile]: hostile });
});

test('Parallel with Parameters, ResultSelector and ResultPath; Succeed with InputPath and OutputPath', async () => {
  const result = await runExecution(
    {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Parameters: { 'n.$': '$.n' },
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'double.$': 'States.MathAdd($.n, $.n)' }, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', OutputPath: '$.n', End: true } } },
          ],
          ResultSelector: { 'first.$': '$[0].double', 'second.$': '$[1]' },
          ResultPath: '$.parallel',
          Next: 'S',
        },
        S: { Type: 'Succeed', InputPath: '$.parallel', OutputPath: '$.first' },
      },
    },
    { n: 21, other: 'kept' },
  );
  expect(result.output).toBe(42);
  expect(eventsOf(result, 'ParallelStateExited')[0]!.details!.output).toBe('{"n":21,"other":"kept","parallel":{"first":42,"second":21}}');
});

test('a filter or wildcard on a null or scalar input matches nothing instead of crashing', async () => {
  const result = await runExecution({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'all.$': '$[*]', 'some.$': '$[?(@.a)]' }, End: true } } }, null);
  expect(result).toMatchObject({ status: 'SUCCEEDED', output: { all: [], some: [] } });
});
