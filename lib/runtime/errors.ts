/**
 * Error types of the runtime. Two families:
 * - thrown before anything runs (the definition cannot be run): {@link DefinitionValidationError},
 *   {@link UnsupportedDefinitionError}, {@link InvalidExecutionInputError};
 * - failures inside an execution, named with the exact ASL error string ({@link StatesError}, {@link TaskError}).
 *   These never escape `runExecution`: they end the execution with status FAILED, error and cause.
 */

/** The definition failed static validation: the validator's own error type, so callers catch one class. */
export { DefinitionValidationError } from '../asl-validation';

/** The definition uses something this runtime does not run (a JSONPath state, a Distributed Map, ...). */
export class UnsupportedDefinitionError extends Error {
  override readonly name = 'UnsupportedDefinitionError';
  constructor(
    message: string,
    /** JSON-pointer-like location of the offending state or field, e.g. `/States/Poll`. */
    readonly location: string,
  ) {
    super(message);
  }
}

/** The execution input cannot start an execution (not JSON-serialisable, or over the 256 KiB payload quota). */
export class InvalidExecutionInputError extends Error {
  override readonly name = 'InvalidExecutionInputError';
}

/**
 * Throw this from a Task handler to fail the task with exactly this Error and Cause, as a Lambda function or an
 * AWS service would (`Retry`/`Catch` then match `error`). Any thrown value with string `error` and `cause` fields works the same.
 */
export class TaskError extends Error {
  override readonly name = 'TaskError';
  constructor(
    readonly error: string,
    override readonly cause: string = '',
  ) {
    super(`${error}: ${cause}`);
  }
}

/** An ASL error raised inside an execution; `error` is the ASL error name matched by `ErrorEquals`. */
export class StatesError extends Error {
  override readonly name = 'StatesError';
  /** Set once the failure event (TaskFailed, EvaluationFailed, ...) is in the history, so outer states do not repeat it. */
  recorded = false;
  constructor(
    readonly error: string,
    override readonly cause: string,
    /** The ASL field that failed (for `EvaluationFailed` events), e.g. `Arguments/Sql`. */
    readonly field?: string,
  ) {
    super(`${error}: ${cause}`);
  }
}

/** ASL error names raised by the runtime itself. */
export const StatesErrors = {
  ALL: 'States.ALL',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  QueryEvaluationError: 'States.QueryEvaluationError',
  NoChoiceMatched: 'States.NoChoiceMatched',
  Runtime: 'States.Runtime',
  DataLimitExceeded: 'States.DataLimitExceeded',
  ItemReaderFailed: 'States.ItemReaderFailed',
  BranchFailed: 'States.BranchFailed',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
} as const;

/**
 * Ends the whole execution at once, past every Retry and Catch (history limit reached, execution timeout).
 * Internal: `runExecution` turns it into the final history event.
 */
export class ExecutionTerminated extends Error {
  override readonly name = 'ExecutionTerminated';
  constructor(
    readonly status: 'FAILED' | 'TIMED_OUT',
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}
