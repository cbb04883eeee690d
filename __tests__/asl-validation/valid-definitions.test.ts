import { validateDefinition } from '../../lib/asl-validation';
import { buildDefinition } from '../../lib/definition';
import { deepFreeze, EXECUTE_STATEMENT, fortyStateMachine, nestedMachine, pollingMachine, type Json } from './fixtures';

/** asl-validator 4.0.0 ships no type declarations. */
const aslValidator = require('asl-validator') as (definition: unknown) => { isValid: boolean };

/** Copies a definition, since asl-validator writes a QueryLanguage into every state it validates. */
function copy(definition: Json): Json {
  return JSON.parse(JSON.stringify(definition));
}

describe('valid definitions yield no diagnostics (no false errors)', () => {
  test('a JSONata machine with Map + ItemSelector, Parallel, Retry/Catch with Assign, Wait Seconds expression, Choice Condition', () => {
    const machine = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { attempt: 0, sleep: 15, results: [] }, Next: 'Submit' },
        Submit: {
          Type: 'Task',
          Resource: EXECUTE_STATEMENT,
          Arguments: { Sql: '{% $states.input.sql %}', Database: 'dev', WorkgroupName: 'wg', ClientToken: '{% $states.context.Execution.Name %}' },
          Credentials: { RoleArn: '{% $states.input.roleArn %}' },
          TimeoutSeconds: 60,
          HeartbeatSeconds: '{% 30 %}',
          Retry: [
            { ErrorEquals: ['RedshiftData.ActiveStatementsExceededException', 'RedshiftData.InternalServerException'], IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 1.5, MaxDelaySeconds: 60, JitterStrategy: 'FULL' },
            { ErrorEquals: ['States.ALL'], MaxAttempts: 0 },
          ],
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Assign: { failure: '{% $states.errorOutput %}', failedAt: '{% $states.context.State.Name %}' },
              Output: '{% $merge([$states.input, {"error": $states.errorOutput}]) %}',
              Next: 'Failed',
            },
          ],
          Assign: { statementId: '{% $states.result.Id %}' },
          Output: '{% $states.input %}',
          Next: 'Backoff',
        },
        Backoff: { Type: 'Wait', Seconds: '{% $min([450, $floor($sleep * $power(2, $attempt))]) %}', Next: 'Decide' },
        Decide: {
          Type: 'Choice',
          Choices: [
            { Condition: '{% $attempt >= 3 %}', Next: 'Fan', Assign: { attempt: 0 }, Output: { reset: true } },
            { Condition: '{% $attempt < 3 %}', Next: 'Backoff', Assign: { attempt: '{% $attempt + 1 %}' } },
          ],
          Default: 'Failed',
        },
        Fan: {
          Type: 'Parallel',
          Arguments: { sql: '{% $states.input.sql %}' },
          Branches: [
            {
              StartAt: 'PerTable',
              States: {
                PerTable: {
                  Type: 'Map',
                  Items: '{% $states.input.tables %}',
                  ItemSelector: { table: '{% $states.context.Map.Item.Value %}', position: '{% $states.context.Map.Item.Index %}', attempt: '{% $attempt %}' },
                  MaxConcurrency: '{% $count($states.input.tables) > 10 ? 10 : 0 %}',
                  ToleratedFailurePercentage: 10,
                  ItemProcessor: {
                    ProcessorConfig: { Mode: 'INLINE' },
                    StartAt: 'Vacuum',
                    States: {
                      Vacuum: {
                        Type: 'Task',
                        Resource: EXECUTE_STATEMENT,
                        Arguments: { Sql: "{% 'VACUUM ' & $states.input.table %}", Database: 'dev', WorkgroupName: 'wg' },
                        Assign: { vacuumId: '{% $states.result.Id %}' },
                        Output: { id: '{% $vacuumId %}' },
                        End: true,
                      },
                    },
                  },
                  Catch: [{ ErrorEquals: ['States.ALL'], Assign: { mapFailure: '{% $states.errorOutput.Cause %}' }, Next: 'MapFailed' }],
                  End: true,
                },
                MapFailed: { Type: 'Fail', Error: 'Maintenance.Failed', Cause: '{% $mapFailure %}' },
              },
            },
            { StartAt: 'Stamp', States: { Stamp: { Type: 'Wait', Timestamp: '2026-08-18T17:33:00Z', End: true } } },
          ],
          Output: { tables: '{% $states.result[0] %}' },
          Next: 'Done',
        },
        Done: { Type: 'Succeed', Output: { ok: true, statementId: '{% $statementId %}' } },
        Failed: { Type: 'Fail', Error: '{% $failure.Error %}', Cause: "{% $string($failure) & ' in ' & $failedAt %}" },
      },
    };
    expect(validateDefinition(machine)).toEqual([]);
  });

  test('shapes asl-validator 4.0.0 refuses but AWS accepts: multi-line SQL, empty strings, {%x%} without spaces, nested arrays, literal Output', () => {
    const machine = {
      QueryLanguage: 'JSONata',
      StartAt: 'Run',
      States: {
        Run: {
          Type: 'Task',
          Resource: 'arn:aws-us-gov:states:::aws-sdk:redshiftdata:batchExecuteStatement',
          Arguments: {
            Sqls: ['CREATE TABLE t (a int)', 'INSERT INTO t\nSELECT 1\nUNION ALL SELECT 2'],
            Database: '{%$states.input.database%}',
            StatementName: '',
            Matrix: [[1, 2], [3, 4]],
          },
          Output: [1, 'two', { three: 3 }],
          Next: 'Expression',
        },
        Expression: {
          Type: 'Pass',
          Output: "{%\n  $states.input ~> |$|{'checked': true}|\n%}",
          Next: 'Literal',
        },
        Literal: { Type: 'Pass', Output: 'just a string', End: true },
      },
    };
    expect(validateDefinition(machine)).toEqual([]);
    // The patched schemas are what make the difference: asl-validator itself reports these.
    expect(aslValidator(copy(machine)).isValid).toBe(false);
  });

  // AWS keeps a `.$` key inside a JSONata template as written: LocalStack's AWS recording
  // tests/aws/services/stepfunctions/v2/outputdecl/test_output.snapshot.json (BASE_LITERALS, Output key "constant_jp_input.$").
  test("a key ending in '.$' inside a JSONata Output or Arguments is a plain key", () => {
    const machine = {
      QueryLanguage: 'JSONata',
      StartAt: 'State0',
      States: {
        State0: { Type: 'Pass', Output: { 'constant_jp_input.$': '$', nested: { 'a.$': '$.x' } }, Next: 'Call' },
        Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { Payload: { 'literal.$': '$.y' } }, End: true },
      },
    };
    expect(validateDefinition(machine)).toEqual([]);
  });

  // LocalStack's AWS recording states_variables/test_error_output.snapshot.json (PARALLEL_CATCH_ERROR_VARIABLE_SAMPLING):
  // AWS ran this definition, whose Parallel catcher and a branch state both assign inputVar.
  test('a branch may assign a name that only its own Parallel (Assign or Catch Assign) also assigns', () => {
    const machine = {
      QueryLanguage: 'JSONata',
      StartAt: 'ParallelState',
      States: {
        ParallelState: {
          Type: 'Parallel',
          Next: 'Finish',
          Branches: [{ StartAt: 'ExecuteLambdaTask', States: { ExecuteLambdaTask: { Assign: { inputVar: '{% $states.input %}', resultVar: '{% $states.result %}' }, Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'f', Payload: { foo: 'foobar' } }, End: true } } }],
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { inputVar: '{% $states.input %}', errorVar: '{% $states.errorOutput %}' }, Next: 'Fallback' }],
        },
        Fallback: { Type: 'Pass', Output: { error: '{% $errorVar %}' }, End: true },
        Finish: { Type: 'Pass', End: true },
      },
    };
    expect(validateDefinition(machine)).toEqual([]);
    const withOtherOuterState = { ...machine, StartAt: 'Init', States: { Init: { Type: 'Pass', Assign: { inputVar: 1 }, Next: 'ParallelState' }, ...machine.States } };
    expect(validateDefinition(withOtherOuterState).map((d) => d.location)).toEqual(['/States/ParallelState/Branches[0]/States/ExecuteLambdaTask/Assign/inputVar']);
  });

  // LocalStack's AWS recordings: assign/test_assign_base.snapshot.json (BASE_CONSTANT_LITERALS) and
  // scenarios/test_base_scenarios.snapshot.json (test_map_state_tolerated_failure_percentage_path[1.1]).
  test('JSONPath payload literals: null and "{% ... %}" items in arrays; a fractional ToleratedFailurePercentage', () => {
    const machine = {
      StartAt: 'State0',
      States: {
        State0: { Type: 'Pass', Assign: { constant_lst: [null, 0, 0.1, true, '$.no.such.path', '{% $varname %}', '$$', [], { constant: 0 }], 'x.$': '$' }, Next: 'M' },
        M: { Type: 'Map', ToleratedFailurePercentage: 0.5, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true },
      },
    };
    expect(validateDefinition(machine)).toEqual([]);
  });

  test('a classic JSONPath machine (Parameters with .$ keys, ResultPath, Choice Variable rules, intrinsic functions)', () => {
    const machine = {
      StartAt: 'Submit',
      States: {
        Submit: {
          Type: 'Task',
          Resource: EXECUTE_STATEMENT,
          Parameters: { 'Sql.$': '$.sql', Database: 'dev', 'StatementName.$': "States.Format('q-{}', $$.Execution.Name)" },
          ResultSelector: { 'Id.$': '$.Id' },
          ResultPath: '$.statement',
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
          Next: 'Poll',
        },
        Poll: { Type: 'Wait', SecondsPath: '$.wait', Next: 'Check' },
        Check: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.statement.Status', StringEquals: 'FINISHED', Next: 'Done' },
            { And: [{ Variable: '$.statement.Status', IsPresent: true }, { Variable: '$.statement.Status', StringEquals: 'FAILED' }], Next: 'Failed' },
          ],
          Default: 'Poll',
        },
        Done: { Type: 'Succeed', OutputPath: '$.statement' },
        Failed: { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' },
      },
    };
    expect(validateDefinition(machine)).toEqual([]);
  });

  test('a JSONPath machine with one JSONata state, and JSONata states inside a JSONPath Map by their own QueryLanguage', () => {
    const machine = {
      QueryLanguage: 'JSONPath',
      StartAt: 'Shape',
      States: {
        Shape: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { items: '{% [1, 2, 3] %}' }, Next: 'Each' },
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input * 2 %}', End: true } } },
          End: true,
        },
      },
    };
    expect(validateDefinition(machine)).toEqual([]);
  });

  test('ARNs of every partition, activities and Lambda functions are valid Resources', () => {
    const resources = [
      'arn:aws:states:::aws-sdk:redshiftdata:executeStatement',
      'arn:aws-cn:states:::aws-sdk:redshiftdata:describeStatement',
      'arn:aws-iso-b:states:::lambda:invoke.waitForTaskToken',
      'arn:aws:lambda:eu-west-1:123456789012:function:process:$LATEST',
      'arn:aws:states:us-east-1:123456789012:activity:approve',
    ];
    for (const Resource of resources) {
      const machine = { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource, End: true } } };
      expect({ Resource, diagnostics: validateDefinition(machine) }).toEqual({ Resource, diagnostics: [] });
    }
  });

  test.each([
    ['defaults', {}],
    ['cluster + DbUser, retry regex, timeout', { clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl', retryErrorMatch: '^(deadlock|could not)', maxRetries: 3, timeoutSeconds: 3600 }],
    [
      'workgroup + secret, results role, fractional waits',
      {
        workgroupName: 'wg',
        database: 'dev',
        secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:redshift',
        resultsRoleArn: 'arn:aws:iam::123456789012:role/results',
        initialWaitTime: 5,
        baseWaitTime: 2.5,
        waitMultiplier: 1.5,
        maxWait: 60,
      },
    ],
  ] as const)('the state machine our definition generator builds (%s)', (_variant, options) => {
    expect(validateDefinition(buildDefinition(options))).toEqual([]);
  });

  test('a 40-state machine, given as JSON text, and the input is not modified', () => {
    const machine = deepFreeze(fortyStateMachine());
    expect(Object.keys(machine.States).length).toBeGreaterThanOrEqual(39);
    expect(validateDefinition(machine)).toEqual([]);
    expect(validateDefinition(JSON.stringify(machine))).toEqual([]);
  });

  test('the rule fixtures', () => {
    expect(validateDefinition(deepFreeze(pollingMachine()))).toEqual([]);
    expect(validateDefinition(deepFreeze(nestedMachine()))).toEqual([]);
  });
});
