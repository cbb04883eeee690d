/**
 * The cleanup: an Express state machine started by the EventBridge rule on `Step Functions Execution Status Change`
 * events (ABORTED, TIMED_OUT, FAILED) of the main machine. Running under the role that owns the statements, it lists
 * the stopped execution's statements by their StatementName prefix and cancels those still SUBMITTED, PICKED or
 * STARTED. Works for both completion modes (both name every statement when a prefix is deployed).
 */
import type { AslDefinition } from '../asl-types';
import { RETRYABLE_API_ERRORS } from '../error-names';

export interface CleanupDefinitionOptions {
  /** The deployment's StatementName prefix (`statementNamePrefix` of the main machine). */
  readonly statementNamePrefix: string;
  /** Role the Redshift Data calls run under: the one that submitted the statements (only it may list and cancel them). */
  readonly resultsRoleArn: string;
  /**
   * Seconds to wait before listing, so a submit that was in flight when the execution stopped is listed too.
   * @default 10
   */
  readonly settleSeconds?: number;
}

export const CLEANUP_STATE_NAMES = {
  SETTLE: 'LetInFlightSubmitsLand',
  LIST: 'ListExecutionStatements',
  MORE: 'MorePages',
  CANCEL_ALL: 'CancelRunningStatements',
  CANCEL: 'CancelStatement',
  CANCELLED: 'Cancelled',
  ALREADY_ENDED: 'AlreadyEnded',
  DONE: 'Done',
} as const;

export const CLEANUP_RESOURCES = {
  listStatements: 'arn:aws:states:::aws-sdk:redshiftdata:listStatements',
  cancelStatement: 'arn:aws:states:::aws-sdk:redshiftdata:cancelStatement',
} as const;

export const CLEANUP_DEFAULTS = { settleSeconds: 10 } as const;

const API_RETRY = [
  { ErrorEquals: [...RETRYABLE_API_ERRORS], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' },
];

export function buildCleanupDefinition(options: CleanupDefinitionOptions): AslDefinition {
  const C = CLEANUP_STATE_NAMES;
  const credentials = { RoleArn: options.resultsRoleArn };
  return {
    Comment: 'Cancels the running Redshift statements of a stopped, timed-out or failed execution (redshift-query-step-function).',
    QueryLanguage: 'JSONata',
    StartAt: C.SETTLE,
    States: {
      [C.SETTLE]: {
        Type: 'Wait',
        Seconds: options.settleSeconds ?? CLEANUP_DEFAULTS.settleSeconds,
        Assign: {
          // A value of its own (not spliced into an expression), so a plan-time prefix stays one JSON string.
          deploymentPrefix: options.statementNamePrefix,
          executionName: '{% $states.input.detail.name %}',
          execution: '{% $states.input.detail.executionArn %}',
          running: [],
          nextToken: null,
        },
        Next: C.LIST,
      },
      [C.LIST]: {
        Type: 'Task',
        Resource: CLEANUP_RESOURCES.listStatements,
        Credentials: credentials,
        Arguments: `{% $merge([{"StatementName": $deploymentPrefix & '/' & $executionName & '/', "Status": "ALL", "MaxResults": 100}, $type($nextToken) = 'string' ? {"NextToken": $nextToken} : {}]) %}`,
        Retry: API_RETRY,
        Assign: {
          running: "{% $append($running, $states.result.Statements[Status in ['SUBMITTED', 'PICKED', 'STARTED'] and $substring(StatementName, 0, $length($deploymentPrefix & '/' & $executionName & '/')) = $deploymentPrefix & '/' & $executionName & '/'].Id) %}",
          nextToken: "{% $type($states.result.NextToken) = 'string' ? $states.result.NextToken : null %}",
        },
        Next: C.MORE,
      },
      [C.MORE]: {
        Type: 'Choice',
        Choices: [{ Condition: "{% $type($nextToken) = 'string' %}", Next: C.LIST }],
        Default: C.CANCEL_ALL,
      },
      [C.CANCEL_ALL]: {
        Type: 'Map',
        Items: '{% $running %}',
        MaxConcurrency: 5,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: C.CANCEL,
          States: {
            [C.CANCEL]: {
              Type: 'Task',
              Resource: CLEANUP_RESOURCES.cancelStatement,
              Credentials: credentials,
              Arguments: { Id: '{% $states.input %}' },
              Retry: API_RETRY,
              // The statement ended between the listing and the cancel.
              Catch: [
                {
                  ErrorEquals: ['RedshiftData.ValidationException', 'RedshiftData.ResourceNotFoundException'],
                  Output: '{% {"Id": $states.input, "Cancelled": false} %}',
                  Next: C.ALREADY_ENDED,
                },
              ],
              Output: '{% {"Id": $states.input, "Cancelled": $states.result.Status} %}',
              Next: C.CANCELLED,
            },
            [C.CANCELLED]: { Type: 'Succeed' },
            [C.ALREADY_ENDED]: { Type: 'Succeed' },
          },
        },
        Next: C.DONE,
      },
      [C.DONE]: { Type: 'Succeed', Output: '{% {"Execution": $execution, "Statements": $states.input} %}' },
    },
  };
}
