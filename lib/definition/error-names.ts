/**
 * Stable `Error` names of a failed execution. Match them in a Catch of a parent workflow, in an EventBridge
 * rule on `Step Functions Execution Status Change`, or in alarms; they never change between versions.
 */
export const REDSHIFT_QUERY_ERRORS = {
  /** The execution input (or a deploy-time default) is invalid; no SQL of any item was sent. */
  INVALID_INPUT: 'RedshiftQuery.InvalidInput',
  /** A statement ended FAILED and was not (or no longer) retried. */
  QUERY_FAILED: 'RedshiftQuery.QueryFailed',
  /** A statement ended ABORTED (cancelled by someone); never retried. */
  QUERY_ABORTED: 'RedshiftQuery.QueryAborted',
  /** A statement ran longer than its TimeoutSeconds; it was cancelled. */
  QUERY_TIMED_OUT: 'RedshiftQuery.QueryTimedOut',
  /**
   * ExecuteStatement / BatchExecuteStatement was rejected: ValidationException, access denied or expired credentials
   * (`RedshiftData.RedshiftDataException`), or throttling that outlasted its retries. A server fault that outlasts the
   * API retries instead fails the execution in the task with AWS's own name, so that a redrive submits again.
   */
  SUBMIT_FAILED: 'RedshiftQuery.SubmitFailed',
  /** DescribeStatement failed (e.g. an unknown StatementId to resume) or returned an unexpected status. */
  STATUS_CHECK_FAILED: 'RedshiftQuery.StatusCheckFailed',
} as const;

export type RedshiftQueryErrorName = (typeof REDSHIFT_QUERY_ERRORS)[keyof typeof REDSHIFT_QUERY_ERRORS];

export const INVALID_INPUT_ERROR = REDSHIFT_QUERY_ERRORS.INVALID_INPUT;
export const QUERY_FAILED_ERROR = REDSHIFT_QUERY_ERRORS.QUERY_FAILED;
export const QUERY_ABORTED_ERROR = REDSHIFT_QUERY_ERRORS.QUERY_ABORTED;
export const QUERY_TIMED_OUT_ERROR = REDSHIFT_QUERY_ERRORS.QUERY_TIMED_OUT;
export const SUBMIT_FAILED_ERROR = REDSHIFT_QUERY_ERRORS.SUBMIT_FAILED;
export const STATUS_CHECK_FAILED_ERROR = REDSHIFT_QUERY_ERRORS.STATUS_CHECK_FAILED;

/**
 * Redshift Data API errors retried with back-off at the API level. These are the exceptions the Data API models as
 * server faults or capacity limits (the SDK's `$fault: 'server'` / quota errors): nothing ran, or the call is
 * idempotent thanks to the ClientToken (a retried submission with the same token never runs the SQL twice).
 * Never ValidationException, and never `RedshiftData.RedshiftDataException`: Step Functions reports every error
 * code the SDK does not model under that name, access denied and expired credentials included, which must fail
 * at once; throttling (also unmodelled) is recognised by its Cause instead ({@link THROTTLING_CAUSE_PATTERN}).
 */
export const RETRYABLE_API_ERRORS = [
  'RedshiftData.ActiveStatementsExceededException',
  'RedshiftData.ActiveSessionsExceededException',
  'RedshiftData.InternalServerException',
  'RedshiftData.ExecuteStatementException',
  'RedshiftData.BatchExecuteStatementException',
  'RedshiftData.DatabaseConnectionException',
] as const;

/** The catch-all name Step Functions gives Redshift Data error codes its SDK does not model. */
export const UNMODELLED_API_ERROR = 'RedshiftData.RedshiftDataException';

/** JSONata regex (case-insensitive) telling throttling apart from other unmodelled errors by the Cause text. */
export const THROTTLING_CAUSE_PATTERN = 'throttl|rate exceeded|too many requests';

/** Throttled calls retried (with jittered exponential back-off) before the item fails. */
export const MAX_THROTTLED_RETRIES = 6;

/**
 * API errors the state machine turns into a RedshiftQuery error: the request itself is wrong, the statement is
 * unknown, or Step Functions' catch-all for unmodelled codes (access denied, expired credentials, throttling: see
 * the CheckApiError state). Any other error left after the API retries (server faults, capacity) fails the
 * execution in the task itself, so that a redrive runs that task again.
 */
export const CAUGHT_API_ERRORS = [
  'RedshiftData.ValidationException',
  'RedshiftData.ResourceNotFoundException',
  'RedshiftData.QueryTimeoutException',
  UNMODELLED_API_ERROR,
] as const;
