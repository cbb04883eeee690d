/**
 * The relay: an Express state machine started by the EventBridge rule on `Redshift Data Statement Status Change`
 * events of this deployment's statements. It records the completion on the statement's item and removes the token
 * in one write that returns the old item; when an execution was waiting (a token was there), it wakes it with
 * SendTaskSuccess. Duplicate events find no token and end; a token that no longer waits (fallback fired, execution
 * stopped) is caught and ends. No Lambda.
 */
import type { AslDefinition } from '../asl-types';
import {
  COMPLETION_TABLE as T,
  RETRYABLE_DYNAMODB_ERRORS,
  RETRYABLE_SFN_ERRORS,
  STALE_TOKEN_ERRORS,
} from './completion-table';

export interface RelayDefinitionOptions {
  /** The completion table (a name or a deploy-time token). */
  readonly completionTableName: string;
}

export const RELAY_STATE_NAMES = {
  RECORD: 'RecordCompletion',
  TOKEN_WAITING: 'IsAnExecutionWaiting',
  NOTIFY: 'WakeWaitingExecution',
  NOBODY_WAITING: 'NobodyWaiting',
  STALE_TOKEN: 'TokenNoLongerWaiting',
  WOKEN: 'Woken',
} as const;

export const RELAY_RESOURCES = {
  updateItem: 'arn:aws:states:::aws-sdk:dynamodb:updateItem',
  sendTaskSuccess: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess',
} as const;

const DETAIL = '$states.input.detail';

export function buildRelayDefinition(options: RelayDefinitionOptions): AslDefinition {
  const R = RELAY_STATE_NAMES;
  return {
    Comment: 'Relays Redshift Data statement status-change events to the executions waiting for them (redshift-query-step-function).',
    QueryLanguage: 'JSONata',
    StartAt: R.RECORD,
    States: {
      [R.RECORD]: {
        Type: 'Task',
        Resource: RELAY_RESOURCES.updateItem,
        Arguments: {
          TableName: options.completionTableName,
          Key: { [T.KEY]: { S: `{% ${DETAIL}.statementId %}` } },
          UpdateExpression: `SET ${T.COMPLETED_STATUS} = :status, ${T.COMPLETED_AT} = :at, ${T.EXPIRES_AT} = :expires REMOVE ${T.TASK_TOKEN}`,
          ExpressionAttributeValues: {
            ':status': { S: `{% ${DETAIL}.state %}` },
            ':at': { S: '{% $states.input.time %}' },
            // The Data API keeps the statement until expireAt (24 h after it ended); the item is useless after that.
            ':expires': { N: `{% $string(${DETAIL}.expireAt) %}` },
          },
          ReturnValues: 'ALL_OLD',
        },
        Retry: [{ ErrorEquals: RETRYABLE_DYNAMODB_ERRORS, IntervalSeconds: 1, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 20, JitterStrategy: 'FULL' }],
        Output: `{% {"token": $states.result.Attributes.${T.TASK_TOKEN}.S, "detail": ${DETAIL}} %}`,
        Next: R.TOKEN_WAITING,
      },
      [R.TOKEN_WAITING]: {
        Type: 'Choice',
        Choices: [{ Condition: "{% $type($states.input.token) = 'string' %}", Next: R.NOTIFY }],
        Default: R.NOBODY_WAITING,
      },
      [R.NOTIFY]: {
        Type: 'Task',
        Resource: RELAY_RESOURCES.sendTaskSuccess,
        Arguments: { TaskToken: '{% $states.input.token %}', Output: '{% $string($states.input.detail) %}' },
        Retry: [{ ErrorEquals: RETRYABLE_SFN_ERRORS, IntervalSeconds: 1, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 20, JitterStrategy: 'FULL' }],
        Catch: [
          {
            ErrorEquals: STALE_TOKEN_ERRORS,
            Output: '{% {"statementId": $states.input.detail.statementId, "woken": false, "staleToken": $states.errorOutput.Error} %}',
            Next: R.STALE_TOKEN,
          },
        ],
        Output: '{% {"statementId": $states.input.detail.statementId, "woken": true} %}',
        Next: R.WOKEN,
      },
      [R.WOKEN]: { Type: 'Succeed' },
      [R.NOBODY_WAITING]: { Type: 'Succeed', Output: `{% {"statementId": $states.input.detail.statementId, "woken": false} %}` },
      [R.STALE_TOKEN]: { Type: 'Succeed' },
    },
  };
}
