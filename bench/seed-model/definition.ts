/**
 * The original workflow's state machine, rewritten in JSONata from its documented behaviour so it runs on
 * our runtime. Same states, same transitions, same retries as the original template: an inline Map
 * (MaxConcurrency 1, no ItemsPath) whose iterations go Choice → start Lambda → Wait → check Lambda → Choice.
 * The two Lambdas are served by {@link createSeedLambdas}.
 */

/** Resource both Lambda tasks use; the function is named in `Arguments.FunctionName`. */
export const LAMBDA_INVOKE_RESOURCE = 'arn:aws:states:::lambda:invoke';
export const START_FUNCTION_NAME = 'StartQueryFunction';
export const CHECK_FUNCTION_NAME = 'CheckQueryFunction';

/** The original's Retry block, identical on both Lambda tasks. */
const LAMBDA_RETRY = [
  {
    ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
  },
  { ErrorEquals: ['States.ALL'], IntervalSeconds: 15, MaxAttempts: 5, BackoffRate: 1.5 },
];

function lambdaTask(functionName: string, next: string): Record<string, unknown> {
  return {
    Type: 'Task',
    Resource: LAMBDA_INVOKE_RESOURCE,
    Arguments: { FunctionName: functionName, Payload: '{% $states.input %}' },
    // The original used the bare function ARN, whose task result is the payload itself.
    Output: '{% $states.result.Payload %}',
    Retry: LAMBDA_RETRY,
    Next: next,
  };
}

export function buildSeedModelDefinition(): Record<string, unknown> {
  return {
    Comment: 'Model of the original redshift-query-step-function state machine (two Lambdas, polling loop).',
    QueryLanguage: 'JSONata',
    StartAt: 'MapIterator',
    States: {
      MapIterator: {
        Type: 'Map',
        // D16: no items path, the execution input itself must be the array.
        Items: '{% $states.input %}',
        MaxConcurrency: 1,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'IfAlreadyWithId',
          States: {
            IfAlreadyWithId: {
              Type: 'Choice',
              Choices: [{ Condition: '{% $exists($states.input.StatementId) %}', Next: 'CheckQuery' }],
              Default: 'StartQuery',
            },
            StartQuery: lambdaTask(START_FUNCTION_NAME, 'WaitForQuery'),
            WaitForQuery: { Type: 'Wait', Seconds: '{% $states.input.WaitTime %}', Next: 'CheckQuery' },
            CheckQuery: lambdaTask(CHECK_FUNCTION_NAME, 'ProcessResult'),
            ProcessResult: {
              Type: 'Choice',
              // D13 (WAIT listed twice, RETRY only through Default) kept on purpose: this is a model of the original.
              Choices: [
                { Condition: "{% $states.input.Decision = 'SUCCEED' %}", Next: 'Success' },
                { Condition: "{% $states.input.Decision = 'FAIL' %}", Next: 'Fail' },
                { Condition: "{% $states.input.Decision = 'WAIT' %}", Next: 'WaitForQuery' },
                { Condition: "{% $states.input.Decision = 'WAIT' %}", Next: 'WaitForQuery' },
              ],
              Default: 'StartQuery',
            },
            Success: { Type: 'Succeed' },
            // D8: no Error, no Cause.
            Fail: { Type: 'Fail' },
          },
        },
        End: true,
      },
    },
  };
}
