/**
 * Static validation of Step Functions state-machine definitions, as AWS's ValidateStateMachineDefinition
 * does it: asl-validator's JSON schemas (compiled once, with its false errors patched out) plus the
 * graph, naming, QueryLanguage, JSONata, Retry/Catch, Task, Wait, Map and variable checks AWS makes.
 * See docs/asl-validation.md.
 */
export { DiagnosticCode, type DiagnosticCodeValue, type ValidationDiagnostic } from './diagnostic';
export { validateDefinition } from './validate-definition';
export { MAX_TASK_SECONDS, MAX_WAIT_SECONDS, WAIT_TIMESTAMP_PATTERN } from './asl-limits';
export { isExpressionString } from './jsonata-parse';
export { assertValidDefinition, DefinitionValidationError, formatDiagnostic } from './definition-validation-error';
