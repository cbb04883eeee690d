/**
 * DynamoDB API exceptions. `name` is the API exception name, so an `aws-sdk:dynamodb:*` Task fails with
 * `DynamoDb.<name>` — the aws-sdk integration's prefix is `DynamoDb.` (LocalStack's AWS-recorded snapshot
 * `error_handling/test_aws_sdk.snapshot.json`: `DynamoDb.ResourceNotFoundException`), while the optimized
 * `arn:aws:states:::dynamodb:*` integration uses `DynamoDB.` (`test_task_service_dynamodb.snapshot.json`).
 */
export type DynamoDbErrorName = 'ConditionalCheckFailedException' | 'ValidationException' | 'ResourceNotFoundException' | 'ResourceInUseException';

export class DynamoDbError extends Error {
  constructor(
    override readonly name: DynamoDbErrorName,
    message: string,
    /** The item as it was, for ConditionalCheckFailedException with ReturnValuesOnConditionCheckFailure ALL_OLD. */
    readonly item?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}
