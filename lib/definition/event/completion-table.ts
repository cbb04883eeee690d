/**
 * The DynamoDB item shared by a waiting execution and the relay machine, one per StatementId. Two writers, one
 * item: DynamoDB applies writes to one item one at a time, so whichever comes second sees the other's write.
 * - the main machine's `AwaitCompletionEvent` sets the task token, on condition that no completion is recorded;
 * - the relay records the completion and removes the token in one write that returns the old item.
 */
export const COMPLETION_TABLE = {
  /** Partition key (string): the Data API StatementId, the `statementId` of the status-change event. */
  KEY: 'StatementId',
  /** Task token of the execution waiting for this statement. */
  TASK_TOKEN: 'TaskToken',
  /** Execution waiting (for people reading the table). */
  EXECUTION_ARN: 'ExecutionArn',
  /** FINISHED, FAILED or ABORTED, written by the relay. */
  COMPLETED_STATUS: 'CompletedStatus',
  /** Event time of the status change. */
  COMPLETED_AT: 'CompletedAt',
  /** TTL attribute (epoch seconds). */
  EXPIRES_AT: 'ExpiresAt',
} as const;

/** How long an item lives after an execution starts waiting (the Data API keeps a statement 24 h after it ends). */
export const WAITING_ITEM_TTL_SECONDS = 2 * 86_400;

/**
 * Error names of a failed `aws-sdk:dynamodb:*` task. Step Functions documents the `<Service>.<Exception>` form
 * but not the service's spelling for DynamoDB (the optimized integration uses `DynamoDB.`, the local runtime uses
 * `DynamoDb.` like the SDK client name); both are listed so the choice stays right on AWS either way.
 */
function dynamoDbErrors(exception: string): string[] {
  return [`DynamoDb.${exception}`, `DynamoDB.${exception}`];
}

/** The token was not stored because a completion is already recorded: the event came first. */
export const CONDITION_FAILED_ERRORS = dynamoDbErrors('ConditionalCheckFailedException');

/** DynamoDB errors worth retrying with back-off (nothing was written). */
export const RETRYABLE_DYNAMODB_ERRORS = [
  ...dynamoDbErrors('ProvisionedThroughputExceededException'),
  ...dynamoDbErrors('RequestLimitExceeded'),
  ...dynamoDbErrors('ThrottlingException'),
  ...dynamoDbErrors('InternalServerErrorException'),
  ...dynamoDbErrors('TransactionConflictException'),
];

/**
 * SendTaskSuccess errors that mean the token is no longer waited on: the task timed out (fallback fired), the
 * execution stopped, or the token is unknown. botocore `stepfunctions` model names, `Sfn.` prefix as the
 * aws-sdk integration reports them.
 */
export const STALE_TOKEN_ERRORS = ['Sfn.TaskTimedOutException', 'Sfn.TaskDoesNotExistException', 'Sfn.InvalidTokenException'];

/** SendTaskSuccess errors worth retrying. */
export const RETRYABLE_SFN_ERRORS = ['Sfn.ThrottlingException', 'Sfn.ServiceQuotaExceededException', 'Sfn.InternalServerException'];
