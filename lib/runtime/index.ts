export * from './types';
export { runExecution, redriveExecution, RUN_DEFAULTS } from './run-execution';
export type { StateMachineDefinition } from './run-execution';
export {
  TaskTokens,
  SfnCallbackError,
  SfnCallbackErrorName,
  SendTaskSuccessRequest,
  SendTaskFailureRequest,
  SendTaskHeartbeatRequest,
  OutstandingTaskToken,
} from './callbacks/task-tokens';
export { createSfnService, SfnAction } from './callbacks/sfn-service';
export { integrationPattern, IntegrationPattern } from './callbacks/integration-pattern';
export {
  DefinitionValidationError,
  UnsupportedDefinitionError,
  InvalidExecutionInputError,
  TaskError,
  StatesError,
  StatesErrors,
} from './errors';
export { RETRY_DEFAULTS } from './engine/retry';
// Callbacks, Express and the local cloud (issue 11).
export { prepareDefinition, executionArnFor } from './run-execution';
export type { PreparedDefinition } from './run-execution';
export { MAX_PAYLOAD_BYTES } from './engine/payload';
export { VARIABLE_LIMITS } from './engine/variables';
export { servicePascalName } from './engine/task-dispatch';
export type { OperationShapes } from './engine/sdk-members';
