/** In-memory DynamoDB on a clock (UpdateItem/PutItem/DeleteItem/GetItem, expressions, ReturnValues, TTL): the runtime's `dynamodb` service. */
export * from './types';
export { DynamoDbEmulator, DynamoDbEmulatorOptions, DynamoDbCall } from './dynamodb-emulator';
export { DynamoDbError, DynamoDbErrorName } from './errors';
