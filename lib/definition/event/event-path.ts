/**
 * States and Choice rules of the event completion path, merged into the main definition by `buildDefinition`.
 *
 * Per statement: submit with `WithEvent` (ExecuteStatementWithEvent) → AwaitCompletionEvent, a DynamoDB UpdateItem
 * `.waitForTaskToken` that stores the task token under the StatementId unless the relay already recorded the
 * completion → DescribeStatement → CheckStatus, exactly as in poll mode. The event only says "look now"; what the
 * statement did is always read from DescribeStatement, so both modes produce the same output.
 *
 * - event before the token: the conditional write fails → DescribeStatement at once;
 * - fallback (`TimeoutSeconds`) or a spurious wake-up: DescribeStatement, then wait again;
 * - a completion recorded while DescribeStatement still says running: poll from then on (`eventSeen`), so a
 *   lagging DescribeStatement can never spin the Await → Describe loop;
 * - DynamoDB unusable (access denied, table missing): this statement falls back to polling instead of failing.
 */
import type { AslJson, AslState } from '../asl-types';
import { jsonataField } from '../jsonata/literals';
import { STATE_NAMES as S } from '../state-names';
import { CONDITION_FAILED_ERRORS, RETRYABLE_DYNAMODB_ERRORS } from './completion-table';
import { AWAIT_ARGUMENTS, AWAIT_TIMEOUT_SECONDS } from './event-expressions';

export const EVENT_STATE_NAMES = {
  SUBMIT: 'ExecuteStatementWithEvent',
  SUBMIT_BATCH: 'BatchExecuteStatementWithEvent',
  AWAIT: 'AwaitCompletionEvent',
  WAIT_BEFORE_RESUBMIT: 'WaitBeforeResubmitWithEvent',
  WAIT_BEFORE_BATCH_RESUBMIT: 'WaitBeforeBatchResubmitWithEvent',
} as const;

export const AWAIT_RESOURCE = 'arn:aws:states:::aws-sdk:dynamodb:updateItem.waitForTaskToken';

/** Variables of the event path (initialised by ValidateInput like the others). */
export const EVENT_VARIABLES: Record<string, AslJson> = { eventSeen: false, eventError: null };

/** Extra assignments of an event-mode submit. */
export const EVENT_SUBMIT_ASSIGN = { eventSeen: 'false' };

const IN_EVENT_MODE = "$item.CompletionMode = 'event'";

export function awaitCompletionState(): AslState {
  return {
    Type: 'Task',
    Comment: 'Leaves the task token for the relay machine and waits for the statement status-change event.',
    Resource: AWAIT_RESOURCE,
    Arguments: AWAIT_ARGUMENTS,
    TimeoutSeconds: jsonataField(AWAIT_TIMEOUT_SECONDS),
    Retry: [
      { ErrorEquals: RETRYABLE_DYNAMODB_ERRORS, IntervalSeconds: 1, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 30, JitterStrategy: 'FULL' },
    ],
    Catch: [
      { ErrorEquals: CONDITION_FAILED_ERRORS, Assign: { eventSeen: true }, Next: S.DESCRIBE },
      { ErrorEquals: ['States.Timeout'], Next: S.DESCRIBE },
      {
        ErrorEquals: ['States.ALL'],
        Assign: {
          eventError: '{% $states.errorOutput %}',
          item: "{% $merge([$item, {'CompletionMode': 'poll'}]) %}",
        },
        Next: S.WAIT_FOR_STATEMENT,
      },
    ],
    Output: {},
    Next: S.DESCRIBE,
  };
}

/** CheckStatus rules placed before the poll path's own (same conditions, event-mode states). */
export function eventRetryRules(retryAssign: Record<string, string>): AslJson[] {
  return [
    {
      Condition: jsonataField(`${IN_EVENT_MODE} and $status = 'FAILED' and $retryable and $item.Batch`),
      Assign: retryAssign,
      Next: EVENT_STATE_NAMES.WAIT_BEFORE_BATCH_RESUBMIT,
    },
    {
      Condition: jsonataField(`${IN_EVENT_MODE} and $status = 'FAILED' and $retryable`),
      Assign: retryAssign,
      Next: EVENT_STATE_NAMES.WAIT_BEFORE_RESUBMIT,
    },
  ];
}

/** CheckStatus rule for a statement still running in event mode (placed before the poll path's running rule). */
export function eventRunningRule(): AslJson {
  return {
    Condition: jsonataField(`${IN_EVENT_MODE} and $not($eventSeen) and $status in ['SUBMITTED', 'PICKED', 'STARTED']`),
    Next: EVENT_STATE_NAMES.AWAIT,
  };
}

export function eventWaitStates(): Record<string, AslState> {
  return {
    [EVENT_STATE_NAMES.WAIT_BEFORE_RESUBMIT]: { Type: 'Wait', Seconds: jsonataField('$sleep'), Next: EVENT_STATE_NAMES.SUBMIT },
    [EVENT_STATE_NAMES.WAIT_BEFORE_BATCH_RESUBMIT]: { Type: 'Wait', Seconds: jsonataField('$sleep'), Next: EVENT_STATE_NAMES.SUBMIT_BATCH },
  };
}
