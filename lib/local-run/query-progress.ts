import type { ExecutionStatus } from '../runtime';

/**
 * What happens to each query of a list while the state machine runs it, derived from the execution
 * history. Items run one after another; `index` is the item's position in the query list (0-based).
 */
export type QueryProgressEvent =
  | ExecutionStartedProgress
  | ItemStartedProgress
  | SubmittedProgress
  | PollingProgress
  | AttemptFailedProgress
  | RetryingProgress
  | CancellingProgress
  | ItemFinishedProgress
  | ItemFailedProgress
  | ExecutionFinishedProgress;

export interface ExecutionStartedProgress {
  readonly type: 'execution-started';
  readonly executionName: string;
  /** Number of items in the query list (0 when the input is not a list; the state machine rejects it). */
  readonly total: number;
  /** Simulated time, milliseconds since the epoch. */
  readonly timestamp: number;
}

export interface ItemStartedProgress {
  readonly type: 'item-started';
  readonly index: number;
  readonly total: number;
  /** Short one-line description of the item (its SQL, or the StatementId it resumes). */
  readonly label: string;
  /** True when the item carries a StatementId: it is polled, not submitted. */
  readonly resumed: boolean;
  readonly timestamp: number;
}

export interface SubmittedProgress {
  readonly type: 'submitted';
  readonly index: number;
  /** 1 for the first submission, 2 for the first retry, ... */
  readonly attempt: number;
  readonly statementId?: string;
  readonly batch: boolean;
  readonly timestamp: number;
}

export interface PollingProgress {
  readonly type: 'polling';
  readonly index: number;
  /** Number of DescribeStatement calls for this item so far (all attempts). */
  readonly polls: number;
  /** Status DescribeStatement reported: SUBMITTED, PICKED, STARTED, FINISHED, FAILED, ABORTED. */
  readonly status: string;
  readonly timestamp: number;
}

export interface AttemptFailedProgress {
  readonly type: 'attempt-failed';
  readonly index: number;
  readonly attempt: number;
  /** Redshift's error text. */
  readonly error: string;
  readonly timestamp: number;
}

/** The state machine waits (jitter back-off) before submitting the item again. */
export interface RetryingProgress {
  readonly type: 'retrying';
  readonly index: number;
  /** The attempt that will be submitted after the wait. */
  readonly nextAttempt: number;
  readonly error: string;
  readonly timestamp: number;
}

/** CancelStatement was called (the item's TimeoutSeconds ran out). */
export interface CancellingProgress {
  readonly type: 'cancelling';
  readonly index: number;
  readonly statementId?: string;
  readonly timestamp: number;
}

export interface ItemFinishedProgress {
  readonly type: 'item-finished';
  readonly index: number;
  readonly attempts: number;
  readonly polls: number;
  readonly statementId?: string;
  readonly timestamp: number;
}

export interface ItemFailedProgress {
  readonly type: 'item-failed';
  readonly index: number;
  readonly attempts: number;
  readonly polls: number;
  /** Redshift's error text or the execution's Error. */
  readonly error: string;
  readonly cause?: string;
  readonly timestamp: number;
}

export interface ExecutionFinishedProgress {
  readonly type: 'execution-finished';
  readonly status: ExecutionStatus;
  readonly error?: string;
  readonly cause?: string;
  readonly transitions?: number;
  readonly timestamp: number;
}

export type QueryProgressListener = (event: QueryProgressEvent) => void;
