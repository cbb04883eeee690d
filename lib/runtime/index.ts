export * from './types';
export { runExecution, redriveExecution, RUN_DEFAULTS } from './run-execution';
export type { StateMachineDefinition } from './run-execution';
export {
  DefinitionValidationError,
  UnsupportedDefinitionError,
  InvalidExecutionInputError,
  TaskError,
  StatesError,
  StatesErrors,
} from './errors';
export { RETRY_DEFAULTS } from './engine/retry';
export { MAX_PAYLOAD_BYTES } from './engine/payload';
export { VARIABLE_LIMITS } from './engine/variables';
export { servicePascalName } from './engine/task-dispatch';
export type { OperationShapes } from './engine/sdk-members';
